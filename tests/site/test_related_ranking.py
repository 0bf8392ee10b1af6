"""The ranking rule of related stories, on stories in memory (bulletin/related/ranking.py)."""

import datetime

from bulletin.related.ranking import MIN_COMMON, TOPIC_DEPTH, Entry, Pool

DAY = datetime.date(2023, 11, 28)


def entry(pk, days_ago=0, topics=(), words=()):
    return Entry(pk, DAY - datetime.timedelta(days=days_ago), frozenset(topics), frozenset(words))


def ranked(story, others, frequency=None, total=100):
    entries = [story, *others]
    if frequency is None:
        frequency = {}
        for one in entries:
            for word in one.words:
                frequency[word] = frequency.get(word, 0) + 1
    return [related.pk for related in Pool(entries, frequency, total).related(story)]


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


def test_of_stories_sharing_only_a_topic_the_newest_are_candidates():
    story = entry(1, topics={"民生"})
    others = [entry(pk, days_ago=pk, topics={"民生"}) for pk in range(2, TOPIC_DEPTH + 20)]
    result = ranked(story, others)
    assert result == list(range(2, 12))  # ten kept, newest first
