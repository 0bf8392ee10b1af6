"""Keeping stored related stories in step: ranked when a story is published, in bulk for imports.

A story's words are taken when it is published (from the page in memory: the bulk importer
never reloads its pages). Then

* one story published in the admin (or by ``publish_scheduled``) is ranked against the stories
  that share a word or a topic with it, a few queries; then it is put into the lists of the
  stories it lists, where it ranks among what they hold;
* inside ``deferred()`` (both importers), the stories published in the block are collected and
  ranked together when it ends, against every story readers may see, loaded once.

Only stories readers may see are ranked and listed (bulletin.stories.visibility), and the page
filters the list again when it is read: a story hidden later is left out, and the next one of
the ten stored takes its place.
"""

import threading
from collections import Counter, defaultdict
from contextlib import contextmanager
from itertools import islice

from django.db import connection
from django.db.models import Count
from wagtail.signals import page_published

from bulletin.stories.models import StoryPage, StoryTopic
from bulletin.stories.visibility import reader_stories

from . import ranking
from .models import RelatedStory, StoryWord

# Up to this many stories are ranked one by one, with the stories they list; more are ranked
# against the whole archive at once.
FEW = 50
WRITE_BATCH = 2000

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
        pool = whole_pool()
        store({pk: pool.related(pool.entries[pk]) for pk in pks if pk in pool.entries})
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
    pool = whole_pool()
    store({pk: pool.related(pool.entries[pk]) for pk in batch})
    return len(batch)


def whole_pool():
    entries = load_entries(reader_stories())
    frequency = Counter(word for entry in entries for word in entry.words)
    return ranking.Pool(entries, frequency, total=len(entries))


def rank_one(pk):
    """The date and the related stories of one story, from the stories sharing a word or a topic with it."""
    visible = reader_stories()
    own = load_entries(StoryPage.objects.filter(pk=pk))
    if not own:
        return None, []
    entry = own[0]
    frequency = dict(
        StoryWord.objects.filter(word__in=entry.words, story__in=visible.values("pk"))
        .values_list("word")
        .annotate(count=Count("pk"))
    )
    total = visible.count()
    limit = ranking.common_limit(total)
    counted = [word for word in entry.words if frequency.get(word, 0) <= limit]
    candidates = set(
        StoryWord.objects.filter(word__in=counted, story__in=visible.values("pk")).values_list("story_id", flat=True)
    )
    for topic in entry.topics:
        newest = visible.filter(topic_items__tag_id=topic).order_by("-date", "-pk").values_list("pk", flat=True)
        candidates.update(newest[: ranking.TOPIC_DEPTH + 1])
    candidates.discard(pk)
    pool = ranking.Pool(load_entries(visible.filter(pk__in=candidates)), frequency, total=total)
    return entry.date, pool.related(entry)


def load_entries(stories):
    """Entries (date, topics, words) for the stories of a queryset: three queries."""
    dates = dict(stories.order_by().values_list("pk", "date"))
    ids = stories.order_by().values("pk")
    topics, words = defaultdict(set), defaultdict(set)
    for pk, topic in StoryTopic.objects.filter(content_object_id__in=ids).values_list("content_object_id", "tag_id"):
        topics[pk].add(topic)
    for pk, word in StoryWord.objects.filter(story_id__in=ids).values_list("story_id", "word"):
        words[pk].add(word)
    return [ranking.Entry(pk, date, frozenset(topics[pk]), frozenset(words[pk])) for pk, date in dates.items()]


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
    """INSERT plain value tuples, one prepared statement for all of them (executemany).

    An import writes hundreds of thousands of these small rows; bulk_create would build a model
    instance for each and compile a statement for every few hundred, which took longer than
    ranking them. The values are ints and short strings the database takes as they are.
    """
    columns = [model._meta.get_field(name).column for name in fields]
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
