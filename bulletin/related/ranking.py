"""How related stories are ranked, on stories in memory (no database here).

For a story, every other story that shares a topic or a word is a candidate, ranked by

1. the number of topics they share,
2. then the number of words they share (words of the headline and the opening, see
   ``story_words``),
3. then newer first (date, then id).

Two bounds keep the work per story small however large the archive: a word found in more than
``COMMON_SHARE`` of the stories (上街区, 工作 …) says nothing about what a story is about and is
not counted; and of the stories that share only a topic, the ``TOPIC_DEPTH`` newest of each
topic are candidates (a topic such as 民生 holds thousands; the newest of them are what rule 3
would pick among equals). Both the one-story path (on publish) and the whole-archive path (the
importer, ``recompute_related``) rank with this same ``Pool``, so they agree.
"""

import heapq
from collections import Counter, defaultdict
from dataclasses import dataclass
from operator import attrgetter

from search.text import word_tokens

STORED = 10  # kept per story, so that five remain when some of them are hidden later
SHOWN = 5
# Characters of the body read for words, after the headline: the lead sentence, which says what
# the story is about. More would add rows (some 40 words a story now) more than meaning.
OPENING = 100
MAX_WORD_LENGTH = 50  # StoryWord.word
COMMON_SHARE = 0.02
MIN_COMMON = 50  # in a small archive every word counts
TOPIC_DEPTH = 30


def story_words(title, subtitle, paragraphs):
    """The words (two characters or more) of a headline and the story's opening."""
    opening = " ".join(paragraphs)[:OPENING]
    text = " ".join(part for part in (title, subtitle, opening) if part)
    return {word for word in word_tokens(text) if 2 <= len(word) <= MAX_WORD_LENGTH}


@dataclass(frozen=True)
class Entry:
    pk: int
    date: object
    topics: frozenset
    words: frozenset

    @property
    def newness(self):
        return (self.date, self.pk)


def common_limit(total):
    """Words in more stories than this are not counted."""
    return max(MIN_COMMON, int(total * COMMON_SHARE))


class Pool:
    """Stories to rank against. ``frequency`` is how many stories each word is in, counted over
    all the stories readers may see (``total``), not only over ``entries``."""

    def __init__(self, entries, frequency, total):
        self.entries = {entry.pk: entry for entry in entries}
        self.limit = common_limit(total)
        self.frequency = frequency
        self.by_word = defaultdict(list)
        self.by_topic = defaultdict(list)
        for entry in self.entries.values():
            for word in entry.words:
                if self.counts(word):
                    self.by_word[word].append(entry.pk)
            for topic in entry.topics:
                self.by_topic[topic].append(entry)
        for stories in self.by_topic.values():
            stories.sort(key=lambda entry: entry.newness, reverse=True)

    def counts(self, word):
        return self.frequency.get(word, 0) <= self.limit

    def related(self, entry, limit=STORED):
        """The ``limit`` stories most related to ``entry``, best first, as Related tuples."""
        shared_words = Counter(pk for word in entry.words if self.counts(word) for pk in self.by_word.get(word, ()))
        candidates = set(shared_words)
        for topic in entry.topics:
            newest = (other.pk for other in self.by_topic.get(topic, ()) if other.pk != entry.pk)
            candidates.update(pk for __, pk in zip(range(TOPIC_DEPTH), newest))
        candidates.discard(entry.pk)
        # Ranked as plain key tuples, Related made for the few kept: an import ranks every story
        # against a thousand candidates or so, and building an object for each took most of it.
        entries = self.entries
        keys = ((len(entry.topics & entries[pk].topics), shared_words[pk], entries[pk].date, pk) for pk in candidates)
        return [Related(pk, topics, words, date) for topics, words, date, pk in heapq.nlargest(limit, keys)]


@dataclass(frozen=True)
class Related:
    """A related story and why: what it shares with the story it is related to."""

    pk: int
    topics: int
    words: int
    date: object

    @property
    def key(self):
        return (self.topics, self.words, self.date, self.pk)


def best(related, limit=STORED):
    return heapq.nlargest(limit, related, key=attrgetter("key"))
