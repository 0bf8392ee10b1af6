"""One request reads the page-cache generation and each memoized value once
(pagecache.request_scope), however many lists on the page ask for them."""

from collections import Counter

import pytest
from django.core.cache.backends.locmem import LocMemCache

from bulletin.caching import pagecache

pytestmark = pytest.mark.django_db


class CountingCache(LocMemCache):
    """Django's in-memory cache, counting the reads of each key."""

    reads = Counter()

    def get(self, key, default=None, version=None):
        type(self).reads[key] += 1
        return super().get(key, default, version)


@pytest.fixture
def counting_cache(settings):
    settings.CACHES = {"default": {"BACKEND": f"{__name__}.CountingCache", "LOCATION": "request-reads"}}
    settings.PAGE_CACHE_TIMEOUT = 600
    CountingCache.reads.clear()
    return CountingCache.reads


def test_a_render_reads_the_generation_and_the_view_restrictions_once(client, newsroom, counting_cache):
    for number in range(4):
        newsroom.article(f"稿件{number}")
        newsroom.brief(f"简讯{number}")
    assert client.get("/")["X-Page-Cache"] == "miss"
    counting_cache.clear()
    assert client.get("/", HTTP_HOST="again.testserver")["X-Page-Cache"] == "miss"  # rendered again
    assert counting_cache[pagecache.GENERATION_KEY] == 1
    memo_reads = {key.split(":memo:")[1]: n for key, n in counting_cache.items() if ":memo:" in key}
    # Asked for by every list of stories on the page (头条, 最新, 简讯, 通知公告, 图片新闻, …).
    assert memo_reads["restricted-paths"] == 1
    assert max(memo_reads.values()) == 1, memo_reads


def test_within_a_request_an_invalidation_is_seen_at_once(counting_cache):
    calls = []

    def compute():
        calls.append(1)
        return len(calls)

    with pagecache.request_scope():
        assert pagecache.memoize("value", compute) == 1
        assert pagecache.memoize("value", compute) == 1
        pagecache.invalidate()  # an editor's publish within the request
        assert pagecache.memoize("value", compute) == 2
    with pagecache.request_scope():
        assert pagecache.memoize("value", compute) == 2  # the next request reads it from the cache
    assert len(calls) == 2


def test_a_value_of_the_request_itself_is_worked_out_once_per_request():
    calls = []

    def compute():
        calls.append(1)
        return len(calls)

    assert pagecache.per_request("value", compute) == 1  # outside a request: every call
    assert pagecache.per_request("value", compute) == 2
    with pagecache.request_scope():
        assert pagecache.per_request("value", compute) == 3
        assert pagecache.per_request("value", compute) == 3
        pagecache.invalidate()  # a page moved within the request: its URL parts are worked out again
        assert pagecache.per_request("value", compute) == 4
    with pagecache.request_scope():
        assert pagecache.per_request("value", compute) == 5  # never shared with the next request
