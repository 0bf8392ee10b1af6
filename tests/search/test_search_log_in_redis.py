"""Reader searches counted in a real Redis (CACHE_URL=redis://, shared by every app server): a
cached answer costs no database write, and the statistics still have every search."""

import uuid

import pytest
import redis
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from bulletin.caching.cache_url import parse_cache_url
from bulletin.workflow import roles
from search import querylog
from search.models import ReaderSearch
from tests.deploy.conftest import redis_url
from tests.newsroom import client_for, make_user

API = "/api/search/"


@pytest.fixture
def redis_cache(settings):
    url = redis_url()
    prefix = f"test-{uuid.uuid4().hex[:12]}"
    settings.CACHES = {"default": parse_cache_url(f"{url}?key_prefix={prefix}")}
    settings.PAGE_CACHE_TIMEOUT = 600
    yield
    server = redis.Redis.from_url(url)
    keys = list(server.scan_iter(match=f"{prefix}:*"))
    if keys:
        server.delete(*keys)


def counted():
    return sorted(ReaderSearch.objects.values_list("query", "filters", "searches", "results"))


def test_cached_answers_are_counted_in_redis_and_reach_the_statistics(
    client, embedded_newsroom, redis_cache, monkeypatch
):
    monkeypatch.setattr(querylog, "FLUSH_EVERY", 3600)  # however slow the machine, no flush comes due
    embedded_newsroom.brief("城管早餐", "城管局送早餐。")
    embedded_newsroom.brief("城管执法", "城管执法。")
    assert client.get(API, {"q": "城管"})["X-Page-Cache"] == "miss"
    assert counted() == [("城管", "", 1, 2)]  # the first search of a while is written at once
    for _ in range(3):
        with CaptureQueriesContext(connection) as queries:
            assert client.get(API, {"q": "城管"})["X-Page-Cache"] == "hit"
        assert len(queries) == 0, [query["sql"] for query in queries]
    client.get(API, {"q": "城管", "kind": "brief"})
    assert counted() == [("城管", "", 1, 2)]  # the rest wait in Redis...

    editor = client_for(make_user("editor", roles.EDITORS))
    dates = {"day_from": "2000-01-01", "day_to": "2100-01-01"}
    report = editor.get(reverse("search_statistics:report"), dates).content.decode()
    # ...until the statistics are read: every search, each once.
    assert counted() == [("城管", "", 4, 2), ("城管", "kind=brief", 1, 2)]
    assert "kind=brief" in report
    querylog.flush()
    assert counted() == [("城管", "", 4, 2), ("城管", "kind=brief", 1, 2)]


def test_while_redis_is_down_searches_are_written_to_the_database(client, embedded_newsroom, settings):
    settings.CACHES = {"default": parse_cache_url("redis://127.0.0.1:9/0?socket_timeout=0.2")}  # nothing listens
    settings.PAGE_CACHE_TIMEOUT = 600
    embedded_newsroom.brief("城管早餐", "城管局送早餐。")
    for _ in range(2):
        assert client.get(API, {"q": "城管"}).status_code == 200
    assert counted() == [("城管", "", 2, 1)]
