"""Keeping stored related stories in step: ranked when a story is published, in bulk for imports.

A story's words are taken when it is published (from the page in memory: the bulk importer
never reloads its pages). Then

* one story published in the admin (or by ``publish_scheduled``) is ranked against the stories
  that share a word or a topic with it, a few queries; then it is put into the lists of the
  stories it lists, where it ranks among what they hold;
* inside ``deferred()`` (both importers), the stories published in the block are collected and
  ranked together when it ends, against every story readers may see, a batch at a time.

Only stories readers may see are ranked and listed (bulletin.stories.visibility), and the page
filters the list again when it is read: a story hidden later is left out, and the next one of
the ten stored takes its place.
"""

import threading
from collections import defaultdict
from contextlib import contextmanager
from itertools import chain, islice

from django.db import connection
from django.db.models import Count
from wagtail.signals import page_published

from bulletin import compat
from bulletin.stories.models import StoryPage, StoryTopic
from bulletin.stories.visibility import reader_stories

from . import ranking
from .models import RelatedStory, StoryWord

# Up to this many stories are ranked one by one, with the stories they list; more are ranked
# against the whole archive at once.
FEW = 50
WRITE_BATCH = 2000
# Stories ranked at a time by the whole-archive path: the stories sharing their words are read
# once for the batch (more per batch, fewer reads of the same words).
RANK_BATCH = 2000
WORDS_PER_QUERY = 900  # within every database's limit on query parameters

_local = threading.local()


def words_of(story):
    return ranking.story_words(story.title, getattr(story, "subtitle", ""), story.body_paragraphs())


def on_published(sender, instance, **kwargs):
    if not isinstance(instance, StoryPage):
        return
    words = words_of(instance)
    pending = getattr(_local, "pending", None)
    if pending is not None:
        pending.add(instance.pk, words)
        return
    save_words({instance.pk: words})
    update([instance.pk])


class _Pending:
    """The stories published inside deferred(); their words are written a batch at a time, so
    that what is held in memory does not grow with an import."""

    def __init__(self):
        self.ids = []
        self.words = {}

    def add(self, pk, words):
        if pk not in self.words:
            self.ids.append(pk)
        self.words[pk] = words
        if len(self.words) >= WRITE_BATCH:
            self.save()

    def save(self):
        save_words(self.words)
        self.words = {}


@contextmanager
def deferred():
    """Rank the stories published inside the block together, when it ends without an error."""
    if getattr(_local, "pending", None) is not None:
        yield
        return
    pending = _local.pending = _Pending()
    try:
        yield
    finally:
        _local.pending = None
    pending.save()
    update(list(dict.fromkeys(pending.ids)))


def connect_signals():
    page_published.connect(on_published, dispatch_uid="related-stories-published")


def save_words(words_by_story):
    StoryWord.objects.filter(story_id__in=list(words_by_story)).delete()
    _insert(
        StoryWord, ["story", "word"], ((pk, word) for pk, words in words_by_story.items() for word in sorted(words))
    )


def update(pks):
    """Rank and store the related stories of the stories ``pks`` (their words are saved)."""
    if not pks:
        return
    if len(pks) > FEW:
        rank_all(pks)
        return
    ranked = {pk: rank_one(pk) for pk in pks}
    store({pk: related for pk, (_date, related) in ranked.items()})
    for pk, (date, related) in ranked.items():
        join_lists(pk, date, related)


def join_lists(pk, date, related):
    """Put the story ``pk`` into the stored lists of the stories it is related to, where it ranks.

    What two stories share is the same seen from either, so the new story's place in each list
    follows from the counts stored with the list: one read and the store, not a ranking of each story.
    """
    lists = defaultdict(list)
    rows = RelatedStory.objects.filter(story_id__in=[other.pk for other in related]).exclude(related_id=pk)
    for story, other, topics, words, other_date in rows.values_list(
        "story_id", "related_id", "shared_topics", "shared_words", "related__date"
    ):
        lists[story].append(ranking.Related(other, topics, words, other_date))
    store(
        {
            other.pk: ranking.best([*lists[other.pk], ranking.Related(pk, other.topics, other.words, date)])
            for other in related
        }
    )


def recompute_all():
    """Take every visible story's words from its text again and rank them all (recompute_related)."""
    stories = reader_stories().specific().order_by("pk")
    words, batch = {}, []
    for story in stories.iterator(chunk_size=500):
        words[story.pk] = words_of(story)
        if len(words) >= WRITE_BATCH:
            save_words(words)
            batch.extend(words)
            words = {}
    save_words(words)
    batch.extend(words)
    rank_all(batch)
    return len(batch)


def rank_all(pks):
    """Rank the stories ``pks`` against every story readers may see, RANK_BATCH at a time.

    What is held for the whole archive is each story's date and topics; the words of a batch,
    and the stories that share them, are read from the words table for that batch, and its
    lists are stored before the next, so that memory does not grow with the archive's words.
    """
    visible = reader_stories()
    pool = ranking.Pool(load_stories(visible), common_words(visible))
    for batch in chunks([pk for pk in pks if pk in pool.stories], RANK_BATCH):
        entries = [
            ranking.Entry(pk, *pool.stories[pk], frozenset(words))
            for pk, words in load_words(StoryWord.objects.filter(story_id__in=batch)).items()
        ]
        postings = load_postings(set().union(*(pool.counted(entry.words) for entry in entries)))
        store({entry.pk: pool.related(entry, postings) for entry in entries})


def rank_one(pk):
    """The date and the related stories of one story, from the stories sharing a word or a topic with it."""
    visible = reader_stories()
    own = load_stories(StoryPage.objects.filter(pk=pk))
    if not own:
        return None, []
    date, topics = own[pk]
    words = load_words(StoryWord.objects.filter(story_id=pk)).get(pk, frozenset())
    frequency = dict(
        StoryWord.objects.filter(word__in=words, story__in=visible.values("pk"))
        .values_list("word")
        .annotate(count=Count("pk"))
    )
    limit = ranking.common_limit(visible.count())
    common = {word for word, count in frequency.items() if count > limit}
    postings = load_postings([word for word in words if word not in common])
    candidates = set(chain.from_iterable(postings.values()))
    for topic in topics:
        newest = visible.filter(topic_items__tag_id=topic).order_by("-date", "-pk").values_list("pk", flat=True)
        candidates.update(newest[: ranking.TOPIC_DEPTH + 1])
    candidates.discard(pk)
    pool = ranking.Pool(load_stories(visible.filter(pk__in=candidates)), common)
    return date, pool.related(ranking.Entry(pk, date, topics, frozenset(words)), postings)


def common_words(visible):
    """The words in too many of the ``visible`` stories to count (ranking.common_limit)."""
    limit = ranking.common_limit(visible.count())
    counts = StoryWord.objects.filter(story__in=visible.values("pk")).values("word").annotate(count=Count("pk"))
    return frozenset(counts.filter(count__gt=limit).values_list("word", flat=True))


def load_stories(stories):
    """Story id → (date, topics) for the stories of a queryset: two queries."""
    topics = defaultdict(set)
    for pk, topic in StoryTopic.objects.filter(content_object_id__in=stories.order_by().values("pk")).values_list(
        "content_object_id", "tag_id"
    ):
        topics[pk].add(topic)
    # Stories share a few combinations of topics: one frozenset for each, not one per story.
    combinations = {}
    loaded = {}
    for pk, date in stories.order_by().values_list("pk", "date"):
        own = frozenset(topics.get(pk, ()))
        loaded[pk] = (date, combinations.setdefault(own, own))
    return loaded


def load_words(rows):
    """Story id → its words, for a queryset of StoryWord rows."""
    words = defaultdict(set)
    for pk, word in rows.values_list("story_id", "word"):
        words[pk].add(word)
    return words


def load_postings(words):
    """Word → the ids of the stories holding it, for ``words`` (a query per WORDS_PER_QUERY)."""
    postings = defaultdict(list)
    for some in chunks(sorted(words), WORDS_PER_QUERY):
        for word, pk in StoryWord.objects.filter(word__in=some).values_list("word", "story_id"):
            postings[word].append(pk)
    return postings


def chunks(items, size):
    return [items[start : start + size] for start in range(0, len(items), size)]


def store(ranked):
    """Replace the lists of the stories in ``ranked`` (story id → Related tuples, best first)."""
    RelatedStory.objects.filter(story_id__in=list(ranked)).delete()
    _insert(
        RelatedStory,
        ["story", "related", "rank", "shared_topics", "shared_words"],
        (
            (pk, other.pk, rank, other.topics, other.words)
            for pk, related in ranked.items()
            for rank, other in enumerate(related)
        ),
    )


def _insert(model, fields, rows):
    """Write plain value tuples: COPY on PostgreSQL, one prepared statement for all of them
    (executemany) elsewhere.

    An import writes hundreds of thousands of these small rows; bulk_create would build a model
    instance for each and compile a statement for every few hundred, which took longer than
    ranking them. The values are ints and short strings the database takes as they are. On
    PostgreSQL executemany still sends one INSERT a row, each parsed by the server.
    """
    columns = [model._meta.get_field(name).column for name in fields]
    if connection.vendor == "postgresql":
        compat.copy_rows(model._meta.db_table, columns, rows)
        return
    sql = "INSERT INTO {} ({}) VALUES ({})".format(
        connection.ops.quote_name(model._meta.db_table),
        ", ".join(connection.ops.quote_name(column) for column in columns),
        ", ".join(["%s"] * len(columns)),
    )
    rows = iter(rows)
    with connection.cursor() as cursor:
        while chunk := list(islice(rows, WRITE_BATCH * 10)):
            cursor.executemany(sql, chunk)


def related_stories(story, limit=ranking.SHOWN):
    """What a story page lists: the first ``limit`` stored that readers may see now (one query)."""
    return list(reader_stories().filter(related_from__story=story).order_by("related_from__rank")[:limit])
