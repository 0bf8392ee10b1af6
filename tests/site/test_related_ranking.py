"""The ranking rule of related stories, on stories in memory (bulletin/related/ranking.py)."""

import datetime
from collections import Counter

from bulletin.related.ranking import COMMON_SHARE, MAX_COMMON, MIN_COMMON, TOPIC_DEPTH, Entry, Pool, common_limit

DAY = datetime.date(2023, 11, 28)


def entry(pk, days_ago=0, topics=(), words=()):
    return Entry(pk, DAY - datetime.timedelta(days=days_ago), frozenset(topics), frozenset(words))


def ranked(story, others, total=100, hidden=()):
    """What the pool ranks for ``story`` among ``others``, as updating.py feeds it: the words
    table's postings, and the stories readers may see (all but ``hidden``)."""
    entries = [story, *others]
    postings = {}
    for one in entries:
        for word in one.words:
            postings.setdefault(word, []).append(one.pk)
    frequency = Counter({word: len(pks) for word, pks in postings.items()})
    common = {word for word, count in frequency.items() if count > common_limit(total)}
    stories = {one.pk: (one.date, one.topics) for one in entries if one.pk not in hidden}
    return [related.pk for related in Pool(stories, common).related(story, postings)]


def test_topics_first_then_words_then_newer_first():
    story = entry(1, topics={"城建", "民生"}, words={"公园", "改造", "西门"})
    others = [
        entry(2, topics={"城建", "民生"}),  # two topics
        entry(3, days_ago=5, topics={"城建"}, words={"公园"}),  # one topic, one word
        entry(4, days_ago=1, topics={"城建"}),  # one topic, newer
        entry(5, days_ago=9, topics={"城建"}),  # one topic, older
        entry(6, words={"公园", "改造", "西门"}),  # words only, three
        entry(7, words={"公园"}),  # words only, one
        entry(8, words={"防汛"}),  # nothing shared
    ]
    assert ranked(story, others) == [2, 3, 4, 5, 6, 7]


def test_a_word_in_too_many_stories_counts_for_nothing():
    story = entry(1, words={"上街区", "义诊"})
    common = [entry(pk, words={"上街区"}) for pk in range(2, MIN_COMMON + 3)]
    assert ranked(story, [*common, entry(999, days_ago=30, words={"义诊"})]) == [999]


def test_a_word_counts_in_at_most_max_common_stories_however_large_the_archive():
    assert common_limit(10) == MIN_COMMON
    # The cap leaves the 12k archive's 2 % (and so its lists) as it was; at 120k it binds.
    assert common_limit(12_168) == int(12_168 * COMMON_SHARE) < MAX_COMMON
    assert common_limit(121_694) == MAX_COMMON
    story = entry(1, words={"上街区", "义诊"})
    common = [entry(pk, words={"上街区"}) for pk in range(2, MAX_COMMON + 3)]
    assert ranked(story, [*common, entry(999, days_ago=30, words={"义诊"})], total=1_000_000) == [999]


def test_of_stories_sharing_only_a_topic_the_newest_are_candidates():
    story = entry(1, topics={"民生"})
    others = [entry(pk, days_ago=pk, topics={"民生"}) for pk in range(2, TOPIC_DEPTH + 20)]
    result = ranked(story, others)
    assert result == list(range(2, 12))  # ten kept, newest first


def test_only_stories_readers_may_see_are_ranked():
    story = entry(1, topics={"民生"}, words={"义诊"})
    others = [entry(2, words={"义诊"}), entry(3, days_ago=3, topics={"民生"}), entry(4, days_ago=1, words={"义诊"})]
    assert ranked(story, others, hidden={2}) == [3, 4]


def test_more_stories_sharing_words_than_are_kept_rank_by_words_then_newer():
    # Only the stories sharing as many words as the tenth of them get a key: the rest must not
    # push out one of those, nor one that shares a topic but fewer words.
    story = entry(1, topics={"城建"}, words={"公园", "改造", "西门"})
    three = [entry(pk, days_ago=pk, words={"公园", "改造", "西门"}) for pk in range(2, 6)]
    two = [entry(pk, days_ago=pk, words={"公园", "改造"}) for pk in range(6, 14)]
    one = [entry(pk, words={"西门"}) for pk in range(14, 30)]
    topic = entry(99, days_ago=400, topics={"城建"})
    topic_and_word = entry(98, days_ago=500, topics={"城建"}, words={"西门"})
    assert ranked(story, [*three, *two, *one, topic, topic_and_word]) == [98, 99, 2, 3, 4, 5, 6, 7, 8, 9]
