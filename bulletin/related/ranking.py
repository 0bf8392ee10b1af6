"""How related stories are ranked (no database here: updating.py loads what is ranked).

For a story, every other story that shares a topic or a word is a candidate, ranked by
``rank_key``:

1. the number of topics they share,
2. then the number of words they share (words of the headline and the opening, see
   ``story_words``),
3. then newer first (date, then id).

Two bounds keep the work per story small however large the archive: a word found in more than
``common_limit`` stories (上街区, 工作 …) says nothing about what a story is about and is not
counted; and of the stories that share only a topic, the ``TOPIC_DEPTH`` newest of each
topic are candidates (a topic such as 民生 holds thousands; the newest of them are what rule 3
would pick among equals). Both the one-story path (on publish) and the whole-archive path (the
importer, ``recompute_related``) rank with this same ``Pool``, so they agree.
"""

import heapq
from collections import Counter
from dataclasses import dataclass
from itertools import chain

from search.text import word_tokens

STORED = 10  # kept per story, so that five remain when some of them are hidden later
SHOWN = 5
# Characters of the body read for words, after the headline: the lead sentence, which says what
# the story is about. More would add rows (some 40 words a story now) more than meaning.
OPENING = 100
MAX_WORD_LENGTH = 50  # StoryWord.word
# A word counts while it is in at most COMMON_SHARE of the stories, and in at most MAX_COMMON of
# them however large the archive: a word in hundreds of stories says little about what any one of
# them is about, and every story holding it is a candidate for every other, so without the cap a
# story's candidates (and the postings read for them) grew with the archive; with it, the cost of
# ranking a story stays constant (at 120k stories, 2 % would be 2,400 stories a word). The cap is
# above 2 % of the 12k archive (243), whose lists it leaves as they were.
COMMON_SHARE = 0.02
MIN_COMMON = 50  # in a small archive every word counts
MAX_COMMON = 300
TOPIC_DEPTH = 30


def story_words(title, subtitle, paragraphs):
    """The words (two characters or more) of a headline and the story's opening."""
    opening = " ".join(paragraphs)[:OPENING]
    text = " ".join(part for part in (title, subtitle, opening) if part)
    return {word for word in word_tokens(text) if 2 <= len(word) <= MAX_WORD_LENGTH}


def shared_key(topics, words):
    """Rules 1 and 2, what two stories share as it ranks: a topic outweighs all the words."""
    return (topics, words)


def rank_key(topics, words, date, pk):
    """The ranking rule: the related story with the larger key comes first (rule 3 only breaks
    the ties of ``shared_key``)."""
    return (shared_key(topics, words), date, pk)


def common_limit(total):
    """Words in more stories than this, of ``total`` stories readers may see, are not counted."""
    return min(MAX_COMMON, max(MIN_COMMON, int(total * COMMON_SHARE)))


def contenders(topics, words, limit):
    """The stories that may be among the ``limit`` best by ``rank_key``, whatever their dates:
    those sharing as much as the limit-th most. ``topics`` and ``words`` map each candidate to
    the number of topics and of words it shares.

    Only these get a whole key (an import ranks a thousand candidates or so per story). The
    candidates share one of few combinations of counts, so each combination is ranked once; most
    share no topic, and those are tallied by their words alone.
    """
    with_topics = {pk: (count, words.get(pk, 0)) for pk, count in topics.items()}
    only_words = Counter(words.values()) - Counter(shared for __, shared in with_topics.values())
    tally = Counter(with_topics.values())
    tally.update({(0, shared): count for shared, count in only_words.items()})
    enough, reached = set(), 0
    for share in sorted(tally, key=lambda share: shared_key(*share), reverse=True):
        enough.add(share)
        reached += tally[share]
        if reached >= limit:
            break
    enough_words = {shared for shared_topics, shared in enough if not shared_topics}
    return [pk for pk, share in with_topics.items() if share in enough] + [
        pk for pk, shared in words.items() if shared in enough_words and pk not in with_topics
    ]


@dataclass(frozen=True)
class Entry:
    """A story to find related stories for."""

    pk: int
    date: object
    topics: frozenset
    words: frozenset


@dataclass(frozen=True)
class Related:
    """A related story and why: what it shares with the story it is related to."""

    pk: int
    topics: int
    words: int
    date: object

    @property
    def key(self):
        return rank_key(self.topics, self.words, self.date, self.pk)


def best(related, limit=STORED):
    return heapq.nlargest(limit, related, key=lambda one: one.key)


class Pool:
    """The stories a story may be related to, without their words.

    ``stories`` maps the id of each story readers may see (or at least of every candidate) to
    its (date, topics); ``common`` holds the words found in too many stories to count. The
    words are not held here: ``related`` is given the stories that hold each of the story's
    words (``postings``), read from the words table for a batch of stories at a time, so that
    what is in memory does not grow with the words of the archive.
    """

    def __init__(self, stories, common):
        self.stories = stories
        self.common = common
        self.by_topic = {}
        for pk, (__, topics) in stories.items():
            for topic in topics:
                self.by_topic.setdefault(topic, set()).add(pk)
        self._newest = {}

    def counted(self, words):
        return [word for word in words if word not in self.common]

    def newest(self, topic):
        """The TOPIC_DEPTH + 1 newest stories of a topic (one more: the story itself may be among them)."""
        if topic not in self._newest:
            stories = self.stories
            members = self.by_topic.get(topic, ())
            self._newest[topic] = heapq.nlargest(TOPIC_DEPTH + 1, members, key=lambda pk: (stories[pk][0], pk))
        return self._newest[topic]

    def related(self, entry, postings, limit=STORED):
        """The ``limit`` stories most related to ``entry``, best first, as Related tuples.

        ``postings`` maps each counted word of ``entry`` to the ids of the stories holding it.
        """
        shared_words = Counter(chain.from_iterable(postings.get(word, ()) for word in self.counted(entry.words)))
        # Not keys() - keys(): that walks every story of the pool for each story ranked.
        for pk in set(shared_words).difference(self.stories):
            del shared_words[pk]  # a story readers may not see
        shared_words.pop(entry.pk, None)
        candidates = set(shared_words)
        for topic in entry.topics:
            candidates.update([pk for pk in self.newest(topic) if pk != entry.pk][:TOPIC_DEPTH])
        candidates.discard(entry.pk)
        shared_topics = Counter(
            chain.from_iterable(self.by_topic.get(topic, set()) & candidates for topic in entry.topics)
        )
        stories = self.stories
        kept = heapq.nlargest(
            limit,
            contenders(shared_topics, shared_words, limit),
            key=lambda pk: rank_key(shared_topics[pk], shared_words[pk], stories[pk][0], pk),
        )
        return [Related(pk, shared_topics[pk], shared_words[pk], stories[pk][0]) for pk in kept]
