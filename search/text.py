"""Turning Chinese text into what the search engines index and match.

Chinese has no spaces between words, and no segmenter knows every name or agrees with itself on
a fragment (水北调 is cut one way in a query and another way inside 南水北调). So matching never
depends on words: every run of characters becomes overlapping character bigrams plus a trailing
unigram, and a query run becomes a phrase of bigrams. A phrase of consecutive bigrams matches
exactly where the query is a substring of the text, which is what a reader expects (Ctrl-F over
the archive). Words, from jieba with the newsroom's own dictionary, are only used for ranking.

Both engines index the token streams made here, joined by spaces, so they agree on what matches.
"""

import logging
import re
import time
import unicodedata
from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field
from functools import lru_cache

from bulletin import compat

# Characters that are part of what readers search for: letters (CJK ideographs are letters),
# digits, marks, punctuation and symbols. Anything else (spaces, control and format characters)
# separates runs. SQLite's FTS5 table is declared with the same categories, so Python and
# SQLite cut runs at exactly the same places.
SEARCHABLE_CATEGORIES = ("L", "N", "M", "P", "S")

MAX_QUERY_LENGTH = 100
MAX_QUERY_TERMS = 8


@lru_cache(maxsize=1 << 15)
def _normalize_char(char):
    if unicodedata.category(char)[0] not in SEARCHABLE_CATEGORIES:
        return " "
    # NFKC folds full-width Latin letters and digits (ＡＰＥＣ，１５) into their ASCII forms.
    return unicodedata.normalize("NFKC", char).lower()


class _Folding(dict):
    """_normalize_char() as a str.translate() table, filled in as characters are met.

    translate() walks the text in C: several times faster than a join over the characters,
    which tagging an archive by keywords (WholeWords) and indexing it both do for every story.
    """

    MAX_SIZE = 1 << 16  # a text of ever new characters must not grow the table without end

    def __missing__(self, code):
        folded = _normalize_char(chr(code))
        if len(self) < self.MAX_SIZE:
            self[code] = folded
        return folded


_FOLDING = _Folding()


def normalize(text):
    """Case- and width-folded text in which every non-searchable character is a plain space."""
    return text.translate(_FOLDING)


def normalize_with_offsets(text):
    """Like normalize(), plus for each normalized character the index of the source character.

    Used by highlighting: matches are found in the normalized text and marked in the original.
    """
    normalized = normalize(text)
    if len(normalized) == len(text):
        # Every character folds to at least one, so the same length means one for one: the
        # offsets are the positions themselves (the usual case, without a loop in Python).
        return normalized, range(len(text))
    chars, offsets = [], []
    for index, char in enumerate(text):
        folded = _normalize_char(char)
        chars.append(folded)
        offsets.extend([index] * len(folded))
    return "".join(chars), offsets


def run_grams(run, *, closed=True):
    """The bigrams of one run of characters, and its last character when the run is closed.

    The trailing unigram lets a single character match and marks where a run ends, so a quoted
    phrase that spans a space ("APEC 商务") matches only runs that really end and start there.
    """
    grams = [run[i : i + 2] for i in range(len(run) - 1)]
    if closed or len(run) == 1:
        grams.append(run[-1])
    return grams


def gram_tokens(text):
    """The token stream of a field: for every run, its bigrams and its closing unigram."""
    tokens = []
    for run in normalize(text).split():
        tokens.extend(run_grams(run))
    return tokens


def gram_string(text):
    return " ".join(gram_tokens(text))


# --- Words (ranking only) -------------------------------------------------------------------


class Segmenter:
    """jieba with the newsroom's dictionary of local names (streets, communities, 区残联 …).

    The dictionary lives in the database (search.LocalName, edited as a snippet). A process
    looks at its version at most every few seconds and rebuilds its tokenizer when it changed;
    saving a name in this process refreshes at once (see search.signals).
    """

    recheck_seconds = 5

    def __init__(self):
        self._base = None
        self._tokenizer = None
        self._version = None
        self._checked_at = 0.0

    def tokenizer(self):
        now = time.monotonic()
        if self._tokenizer is None or now - self._checked_at > self.recheck_seconds:
            from .models import LocalName

            version = LocalName.dictionary_version()
            if self._tokenizer is None or version != self._version:
                self._tokenizer = self._build(LocalName.objects.values_list("word", flat=True))
                self._version = version
            self._checked_at = now
        return self._tokenizer

    def load_dictionary(self):
        """Load jieba's own dictionary (0.7 s of CPU) if this process has not yet.

        Needs no database, so a WSGI server can call it before it forks its workers (see
        bulletin/wsgi.py): every worker then starts with the dictionary instead of loading it
        on its first search while readers wait.
        """
        if self._base is None:
            import jieba

            jieba.setLogLevel(logging.WARNING)
            base = jieba.Tokenizer()
            base.initialize()
            self._base = base

    @property
    def dictionary_loaded(self):
        return self._base is not None

    def _build(self, local_names):
        self.load_dictionary()
        # Start from a copy of the loaded dictionary rather than loading it again (0.7 s).
        tokenizer = compat.caching_tokenizer(BLOCK_CACHE_SIZE)
        compat.copy_dictionary(self._base, tokenizer)
        for name in local_names:
            word = "".join(normalize(name).split())
            if word:
                # A high frequency makes jieba keep the name whole rather than cut it into words.
                tokenizer.add_word(word, freq=max(tokenizer.suggest_freq(word), 1000))
        return tokenizer

    def refresh(self):
        self._tokenizer = None


# Blocks (runs jieba cuts on their own) whose words a tokenizer remembers: a batch of imported
# stories' worth, so that the words of a text are found once however many uses it has.
BLOCK_CACHE_SIZE = 1 << 15


segmenter = Segmenter()


# A word has a letter or a digit: jieba also yields spaces and punctuation as tokens.
_is_word = re.compile(r"[^\W_]").search


def word_tokens(text):
    """The words of a text, sub-words included (区城管局 → 区, 城管, 城管局), for ranking."""
    # HMM off: words the dictionary does not know are still found through the bigrams;
    # guessing new words would only make the ranking less predictable (and slower).
    return [w for w in segmenter.tokenizer().cut_for_search(normalize(text), HMM=False) if _is_word(w)]


def word_string(text):
    return " ".join(word_tokens(text))


def query_words(term):
    """The dictionary words a query term consists of, when it is made of whole words.

    水北调 is not (jieba makes 水北 + 调 of it), so a story with 南水北调 gets no word bonus for it;
    城管 is, so a story about 城管 ranks above one where 城 and 管 merely meet (都城管理).
    """
    tokenizer = segmenter.tokenizer()
    words = [w for w in tokenizer.cut(term, HMM=False) if _is_word(w)]
    return [w for w in words if len(w) > 1 or not ("\u4e00" <= w <= "\u9fff")]


# Where jieba never joins characters into a word: spaces and punctuation (as normalize() leaves
# them: full-width forms folded). Its words are the same whether it cuts a clause or the line.
_CLAUSE_BREAK = re.compile(r"[\s,.!?;:()\"'。、“”‘’《》〈〉【】「」『』…—]")


class WholeWords:
    """Finds words in a text only where they stand whole: 助残 in 开展助残活动, not in 帮助残疾人.

    jieba, with the local dictionary, cuts the text into words. A word (or a phrase of words,
    政务服务大厅) stands whole where each of its ends falls between two of them, or inside one
    at the edge of a dictionary word of two characters or more that the word holds, as search's
    sub-words (word_tokens) see it: 政务服务 in 政务/服务中心 (服务 is a word), 助残 in 助残日 (助残
    is one); but not 助残 in 帮助/残疾人, where it would begin with the 助 of 帮助. Only the clauses
    that hold a candidate are cut, so a story without any of the words costs a substring search.
    """

    def __init__(self, text):
        self.text = normalize(text)
        self._breaks = None  # offsets of the clause breaks, found on the first candidate
        self._starts = {}  # clause start → the offsets where its words start, and its end

    def __contains__(self, word):
        word = _folded_word(word)
        if not word:
            return False
        start = self.text.find(word)
        while start != -1:
            if self._stands_whole(start, start + len(word)):
                return True
            start = self.text.find(word, start + 1)
        return False

    def _stands_whole(self, start, end):
        starts = self._word_starts(start)
        if end > starts[-1]:
            return False  # across a space or punctuation
        first = bisect_right(starts, start) - 1  # the word the occurrence begins in
        last = bisect_left(starts, end) - 1  # ... and the one it ends in
        begins, ends = starts[first] == start, starts[last + 1] == end
        if first == last and not (begins and ends):  # a piece of one word: a word itself?
            return _is_dictionary_word(self.text[start:end])
        begins = begins or _is_dictionary_word(self.text[start : starts[first + 1]])
        ends = ends or _is_dictionary_word(self.text[starts[last] : end])
        return begins and ends

    def _word_starts(self, offset):
        """Where the words of the clause holding ``offset`` start, and where it ends."""
        if self._breaks is None:
            self._breaks = [match.start() for match in _CLAUSE_BREAK.finditer(self.text)]
        index = bisect_right(self._breaks, offset)
        begin = self._breaks[index - 1] + 1 if index else 0
        if begin not in self._starts:
            stop = self._breaks[index] if index < len(self._breaks) else len(self.text)
            starts = [begin]
            for token in segmenter.tokenizer().cut(self.text[begin:stop], HMM=False):
                starts.append(starts[-1] + len(token))
            self._starts[begin] = starts
        return self._starts[begin]


@lru_cache(maxsize=1024)
def _folded_word(word):
    # The same few dozen keywords are looked for in every story of an archive.
    return "".join(normalize(word).split())


def _is_dictionary_word(text):
    # Single characters are all in jieba's dictionary; a piece of one word is not a word.
    return len(text) > 1 and segmenter.tokenizer().FREQ.get(text, 0) > 0


# --- Queries --------------------------------------------------------------------------------


class QueryError(ValueError):
    """A query the engines cannot run; the message is shown to the reader as it is."""


@dataclass(frozen=True)
class Term:
    """One thing every result must contain: a word, a fragment, or a "quoted phrase".

    ``runs`` are its normalized runs (more than one only for a phrase with spaces inside);
    ``alternatives`` are the synonyms editors entered for it, any of which may match instead.
    """

    text: str
    runs: tuple
    alternatives: tuple = field(default=())

    @property
    def variants(self):
        """The term itself and its synonyms, each as a tuple of runs."""
        return (self.runs, *self.alternatives)


def phrase_grams(runs):
    """The phrase of tokens a term's runs must appear as, and whether its last run is a prefix.

    Each run but the last must end where a text run ends (so it keeps its closing unigram); the
    last run may continue in the text (only its bigrams). A single-character last run can only
    be matched as a prefix of a token, which the caller expresses in its engine's syntax.
    """
    tokens = []
    for run in runs[:-1]:
        tokens.extend(run_grams(run))
    last = runs[-1]
    if len(last) == 1:
        return tokens, last
    return tokens + run_grams(last, closed=False), None


_QUOTED = re.compile(r'"([^"]*)"|“([^”]*)”|(\S+)')


def parse_query(raw, synonyms=None):
    """The terms of a reader's query. Space-separated terms must all match; quotes keep a phrase.

    Raises QueryError with a message for the reader when there is nothing to search for or the
    query is too long to be a search.
    """
    raw = (raw or "").strip()
    if not raw:
        raise QueryError("请输入要搜索的字词。")
    if len(raw) > MAX_QUERY_LENGTH:
        raise QueryError(f"搜索词太长了：请不超过 {MAX_QUERY_LENGTH} 个字。")
    terms = []
    for match in _QUOTED.finditer(raw):
        text = next(group for group in match.groups() if group is not None)
        runs = tuple(normalize(text).split())
        if not runs:
            continue
        alternatives = tuple(tuple(normalize(s).split()) for s in (synonyms or {}).get(" ".join(runs), ()))
        term = Term(text=text.strip(), runs=runs, alternatives=tuple(a for a in alternatives if a))
        if term not in terms:
            terms.append(term)
    if not terms:
        raise QueryError("搜索词里没有可以查找的文字，请换个说法。")
    if len(terms) > MAX_QUERY_TERMS:
        raise QueryError(f"搜索词太多了：最多 {MAX_QUERY_TERMS} 个，用空格分开。")
    return terms
