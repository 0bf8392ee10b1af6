"""The page cache on a real Redis (CACHE_URL=redis://), as several app servers share it.

Each test's keys live under a prefix of its own in the server tools/redis.sh started, beside a
key of "another application" that nothing the site does may touch.
"""

import logging
import uuid

import pytest
import redis

from bulletin.caching.backends import PageRedisCache
from bulletin.caching.cache_url import parse_cache_url

from .conftest import redis_url

pytestmark = pytest.mark.django_db

FOREIGN_KEY = "another-application:session"


@pytest.fixture
def server():
    url = redis_url()
    connection = redis.Redis.from_url(url)
    connection.set(FOREIGN_KEY, b"keep me")
    yield url, connection
    assert connection.get(FOREIGN_KEY) == b"keep me"


@pytest.fixture
def prefix(server, settings):
    url, connection = server
    prefix = f"test-{uuid.uuid4().hex[:12]}"
    settings.CACHES = {"default": parse_cache_url(f"{url}?key_prefix={prefix}")}
    settings.PAGE_CACHE_TIMEOUT = 600
    yield prefix
    keys = list(connection.scan_iter(match=f"{prefix}:*"))
    if keys:
        connection.delete(*keys)


def our_keys(connection, prefix):
    return list(connection.scan_iter(match=f"{prefix}:*"))


def test_pages_are_cached_in_redis_under_the_sites_prefix_and_unpublishing_empties_them(
    client, server, prefix, article
):
    _, connection = server
    assert client.get(article.url)["X-Page-Cache"] == "miss"
    assert client.get(article.url)["X-Page-Cache"] == "hit"
    stored = our_keys(connection, prefix)
    assert len(stored) >= 3  # the generation, the page's parameters and the page

    article.unpublish()

    assert client.get(article.url).status_code == 404
    assert connection.get(FOREIGN_KEY) == b"keep me"


def test_clear_deletes_the_sites_keys_and_nothing_else(client, server, prefix, article):
    _, connection = server
    client.get(article.url)
    neighbour = PageRedisCache(server[0], {"KEY_PREFIX": f"{prefix}-neighbour"})
    neighbour.set("page", "its own page")

    PageRedisCache(server[0], {"KEY_PREFIX": prefix}).clear()

    assert our_keys(connection, prefix) == []
    assert neighbour.get("page") == "its own page"
    assert connection.get(FOREIGN_KEY) == b"keep me"
    neighbour.clear()


def test_while_redis_is_down_pages_are_served_uncached_and_publishing_works(
    client, settings, article, caplog, monkeypatch
):
    # A port nothing listens on: connections are refused at once, as when Redis has stopped.
    settings.CACHES = {"default": parse_cache_url("redis://127.0.0.1:9/0")}
    settings.PAGE_CACHE_TIMEOUT = 600
    monkeypatch.setattr(PageRedisCache, "last_failure_logged", float("-inf"))  # as in a new worker
    with caplog.at_level(logging.ERROR, logger="bulletin.caching.backends"):
        for _ in range(2):
            response = client.get(article.url)
            assert response.status_code == 200
            assert "X-Page-Cache" not in response
        article.unpublish()
        assert client.get(article.url).status_code == 404
    assert len([r for r in caplog.records if "serving pages uncached" in r.getMessage()]) == 1
