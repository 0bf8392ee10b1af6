"""Each private library API in bulletin/compat.py, exercised against the installed library.

A failure here names the call an upgrade changed; fix it in bulletin/compat.py alone.
"""

import uuid

import jieba
import pytest
from django.core.cache.backends.filebased import FileBasedCache
from django.db import IntegrityError, connection, transaction
from django.db.models.signals import post_save
from django.utils.module_loading import import_string
from wagtail.models import Page, ReferenceIndex
from wagtail.signals import page_published, published

from bulletin import compat
from bulletin.caching.backends import PageFileCache
from bulletin.people.models import Person
from bulletin.stories.models import ArticlePage
from search.admin_search import RankedMatches, SearchBackend, _Matches
from tests.newsroom import Newsroom

pytestmark = pytest.mark.django_db


def test_tree_positions_are_those_treebeard_gives_the_next_child(story_index):
    newsroom = Newsroom()
    first, second = newsroom.article("一"), newsroom.article("二")
    assert compat.last_child_position(second) == compat.last_child_position(first) + 1, (
        "treebeard MP_Node._get_lastpos_in_path changed"
    )
    predicted = compat.child_path(Page, story_index.path, story_index.depth + 1, compat.last_child_position(second) + 1)
    third = newsroom.article("三")
    assert predicted == third.path, "treebeard MP_Node._get_path changed"


def test_rows_are_inserted_in_one_batch_and_return_their_ids():
    people = [Person(name="甲", slug="jia"), Person(name="乙", slug="yi")]
    fields = [field for field in Person._meta.local_concrete_fields if field is not Person._meta.auto_field]
    rows = compat.insert_rows(Person, people, fields)
    assert [name for (pk,) in rows for name in Person.objects.filter(pk=pk).values_list("name", flat=True)] == [
        "甲",
        "乙",
    ], "django QuerySet._batched_insert changed"


postgresql_only = pytest.mark.skipif(connection.vendor != "postgresql", reason="COPY and sequences: PostgreSQL")


@postgresql_only
def test_ids_taken_from_the_sequence_are_those_insert_would_have_given():
    taken = compat.next_ids(Person, 3)
    assert taken == list(range(taken[0], taken[0] + 3))
    assert Person.objects.create(name="丁", slug="ding").pk == taken[-1] + 1, "pg_get_serial_sequence changed"


@postgresql_only
def test_copied_rows_are_stored_and_a_refused_copy_raises_djangos_error():
    (pk,) = compat.next_ids(Person, 1)
    compat.copy_rows(Person._meta.db_table, ["id", "name", "slug", "unit", "bio"], [(pk, "戊", "wu", "", "")])
    assert Person.objects.get(pk=pk).name == "戊", "psycopg Cursor.copy changed"
    # The same id again: the importer turns django.db's errors into its message; psycopg's
    # own would escape it.
    with pytest.raises(IntegrityError), transaction.atomic():
        compat.copy_rows(Person._meta.db_table, ["id", "name", "slug", "unit", "bio"], [(pk, "己", "ji", "", "")])


def test_an_instance_marked_saved_is_updated_not_inserted_again():
    stored = Person.objects.create(name="丙", slug="bing")
    copy = Person(pk=stored.pk, name="丙（改）", slug="bing")
    compat.mark_saved(copy, "default")
    assert not copy._state.adding, "django Model._state changed"
    copy.save(update_fields=["name"])  # only a stored row can be saved with update_fields
    assert Person.objects.get().name == "丙（改）"


def test_culling_removes_entries_past_the_limit(tmp_path):
    cache = PageFileCache(str(tmp_path), {"OPTIONS": {"MAX_ENTRIES": 4, "CULL_FREQUENCY": 2}})
    for number in range(8):
        # FileBasedCache.set culls only now and then in our subclass; write past the limit.
        cache.set(f"key-{number}", number)
    before = len(cache._list_cache_files())
    compat.cull_file_cache(cache)
    assert len(cache._list_cache_files()) < before, "django FileBasedCache._cull changed"
    assert hasattr(FileBasedCache, "_cull")


def test_the_redis_client_is_the_one_the_cache_reads_and_writes_through():
    import redis

    from bulletin.caching.cache_url import parse_cache_url
    from tests.deploy.conftest import redis_url

    url = redis_url()
    prefix = f"test-compat-{uuid.uuid4().hex[:12]}"
    config = parse_cache_url(f"{url}?key_prefix={prefix}")
    cache = import_string(config["BACKEND"])(config["LOCATION"], config)
    client = compat.redis_client(cache)
    assert isinstance(client, redis.Redis), "django RedisCache._cache.get_client changed"
    try:
        client.set(cache.make_key("written"), 7)
        assert cache.get("written") == 7
        cache.set("read", 8)
        assert int(client.get(cache.make_key("read"))) == 8
    finally:
        cache.clear()  # just this prefix's keys (PageRedisCache.clear)


def _signals_sent(action):
    """(signal, sender, sorted argument names) for each signal ``action`` sends about a story."""
    sent = []

    def receiver(signal_name):
        def record(sender, **kwargs):
            if issubclass(sender, ArticlePage):
                sent.append((signal_name, sender, tuple(sorted(k for k in kwargs if k != "signal"))))

        return record

    receivers = {
        post_save: receiver("post_save"),
        page_published: receiver("page_published"),
        published: receiver("published"),
    }
    for signal, handler in receivers.items():
        signal.connect(handler, weak=False)
    try:
        action()
    finally:
        for signal, handler in receivers.items():
            signal.disconnect(handler)
    return sent


def test_the_bulk_importers_signals_are_those_wagtail_sends_when_it_publishes(story_index):
    """The bulk importer announces what Wagtail's add_child + publish announce, no more, no less."""
    page = ArticlePage(title="Wagtail 自己发布", slug="by-wagtail")

    def wagtail_publishes():
        story_index.add_child(instance=page)
        page.save_revision().publish()

    by_wagtail = {entry for entry in _signals_sent(wagtail_publishes)}
    revision = page.latest_revision
    by_us = set(
        _signals_sent(lambda: (compat.announce_page_created(page), compat.announce_page_published(page, revision)))
    )
    assert by_us <= by_wagtail, "wagtail's page signals changed: see compat.announce_page_*"
    assert {name for name, *_ in by_wagtail} == {name for name, *_ in by_us}, "wagtail sends a page signal we do not"


def test_bulk_references_are_the_rows_wagtail_records_for_a_page(story_index):
    """compat.add_references writes, for a new page, exactly what Wagtail's own indexing does."""
    from datetime import date

    from bulletin.importing.pages import People, Topics, article_page, tagged

    people, topics = People(warn=print), Topics()
    page = article_page(
        title="引用",
        paragraphs=[("paragraph", "正文。")],
        date=date(2024, 1, 2),
        people=people,
        bylines=[("王浩", "记者"), ("李莉", "通讯员")],
        topics=tagged(named=[topics.named("助残"), topics.named("民生")], matched=[]),
    )
    story_index.add_child(instance=page)  # Wagtail's post_save records its references

    def rows():
        return sorted(
            ReferenceIndex.objects.filter(object_id=str(page.pk)).values_list(
                "content_type",
                "base_content_type",
                "to_content_type",
                "to_object_id",
                "model_path",
                "content_path",
                "content_path_hash",
            )
        )

    by_wagtail = rows()
    assert len(by_wagtail) == 4  # two people, two topics
    ReferenceIndex.objects.filter(object_id=str(page.pk)).delete()
    compat.add_references([page])
    assert rows() == by_wagtail


def test_search_scores_land_where_annotate_score_asked(story_index):
    Newsroom().article("助残日活动")
    queryset = ArticlePage.objects.all()
    results = RankedMatches(SearchBackend({}), _Matches(queryset, list(queryset.values_list("pk", flat=True)), True))
    scored = list(results.annotate_score("relevance"))
    assert scored and all(isinstance(page.relevance, float) for page in scored), (
        "modelsearch BaseSearchResults._score_field changed"
    )


def test_a_copied_dictionary_segments_without_loading_jieba_again():
    source = jieba.Tokenizer()
    source.initialize()
    target = jieba.Tokenizer()
    compat.copy_dictionary(source, target)

    def load_again(*args, **kwargs):
        raise AssertionError("jieba Tokenizer.FREQ/total/initialized changed: the copy reloads the dictionary")

    target.initialize = load_again
    sentence = "上街区残联开展助残日活动"
    assert list(target.cut(sentence)) == list(source.cut(sentence))
