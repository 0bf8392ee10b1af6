"""A page-cache directory that cannot be written: pages are still served, uncached.

Tests run as root, for whom a chmod'ed directory is still writable, so the directories here
refuse writes whoever asks: a path below a regular file (every file operation fails with
NotADirectoryError, as when the cache's volume is gone), and /sys/kernel, a directory the kernel
lets nobody create files in (writes fail with EACCES or EROFS, as on a full or read-only disk,
while reads find nothing). A full disk itself cannot be made here without a small filesystem to
fill; its ENOSPC is an OSError like these, caught in the same place (backends.py).
"""

import logging
import tempfile
from pathlib import Path

import pytest

from bulletin.caching.backends import PageFileCache

pytestmark = pytest.mark.django_db


def below_a_file(tmp_path):
    blocker = tmp_path / "not-a-directory"
    blocker.write_text("")
    return blocker / "cache"


def kernel_directory(tmp_path):
    directory = Path("/sys/kernel")
    try:
        tempfile.mkstemp(dir=directory)
    except OSError:
        return directory
    pytest.fail(f"{directory} accepts new files here: it cannot stand in for an unwritable cache directory")


@pytest.fixture(params=[below_a_file, kernel_directory])
def broken_cache(request, settings, tmp_path):
    location = request.param(tmp_path)
    settings.CACHES = {"default": {"BACKEND": "bulletin.caching.backends.PageFileCache", "LOCATION": str(location)}}
    settings.PAGE_CACHE_TIMEOUT = 600
    return location


def test_pages_are_served_uncached_and_the_failure_is_logged_once(
    client, broken_cache, article, topic, caplog, monkeypatch
):
    monkeypatch.setattr(PageFileCache, "last_failure_logged", float("-inf"))  # as in a new worker
    urls = ["/", article.url, topic.get_absolute_url(), "/news/", "/feed/", "/sitemap.xml", "/search/?q=助残日"]
    with caplog.at_level(logging.ERROR, logger="bulletin.caching.backends"):
        for url in urls:
            for _ in range(2):
                response = client.get(url)
                assert response.status_code == 200, url
                assert "X-Page-Cache" not in response, url
    assert article.title in client.get(article.url).content.decode()
    failures = [r for r in caplog.records if "serving pages uncached" in r.getMessage()]
    assert len(failures) == 1


def test_publishing_still_works_and_shows_at_once(client, broken_cache, article):
    client.get(article.url)
    article.title = "缓存坏了也能发布"
    article.save_revision().publish()
    assert "缓存坏了也能发布" in client.get(article.url).content.decode()
    assert "缓存坏了也能发布" in client.get("/news/").content.decode()
