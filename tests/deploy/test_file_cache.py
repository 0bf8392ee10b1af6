"""The file cache production uses for pages (CACHE_URL=file://…)."""

import random

from bulletin.caching.backends import CULL_CHECK_EVERY, PageFileCache


def test_it_stores_and_expires_like_djangos_file_cache(tmp_path):
    cache = PageFileCache(str(tmp_path), {"OPTIONS": {"MAX_ENTRIES": 100}})
    cache.set("page", b"<html>", 60)
    assert cache.get("page") == b"<html>"
    cache.set("gone", b"<html>", -1)
    assert cache.get("gone") is None


def test_a_full_cache_is_culled_without_listing_the_directory_on_every_write(tmp_path, monkeypatch):
    monkeypatch.setattr("bulletin.caching.backends.random", random.Random(7))  # repeatable draws
    cache = PageFileCache(str(tmp_path), {"OPTIONS": {"MAX_ENTRIES": 50, "CULL_FREQUENCY": 2}})
    listings = []
    list_files = cache._list_cache_files
    monkeypatch.setattr(cache, "_list_cache_files", lambda: listings.append(1) or list_files())

    writes = 20 * CULL_CHECK_EVERY
    for n in range(writes):
        cache.set(f"page-{n}", b"x")

    assert 0 < len(listings) < writes / 10
    # It still culls: the directory stays near MAX_ENTRIES instead of keeping every write.
    assert len(list_files()) < writes / 4
