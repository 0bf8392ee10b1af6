import pytest

from bulletin.caching.cache_url import parse_cache_url


def test_a_file_url_names_a_shared_directory():
    config = parse_cache_url("file:///var/cache/bulletin?timeout=300&max_entries=500")
    assert config == {
        "BACKEND": "bulletin.caching.backends.PageFileCache",
        "LOCATION": "/var/cache/bulletin",
        "TIMEOUT": 300,
        "OPTIONS": {"MAX_ENTRIES": 500},
    }


def test_the_file_cache_keeps_a_newsroom_worth_of_pages_by_default():
    assert parse_cache_url("file:///tmp/c")["OPTIONS"]["MAX_ENTRIES"] >= 10_000


def test_database_redis_and_memory_urls():
    assert parse_cache_url("db://page_cache")["LOCATION"] == "page_cache"
    assert parse_cache_url("db://")["BACKEND"] == "django.core.cache.backends.db.DatabaseCache"
    redis = parse_cache_url("redis://127.0.0.1:6379/2")
    assert redis == {
        "BACKEND": "bulletin.caching.backends.PageRedisCache",
        "LOCATION": "redis://127.0.0.1:6379/2",
        "KEY_PREFIX": "bulletin",
        "OPTIONS": {"socket_connect_timeout": 0.5, "socket_timeout": 0.5},
    }
    assert parse_cache_url("redis://127.0.0.1:6379/2?key_prefix=staging")["KEY_PREFIX"] == "staging"
    assert parse_cache_url("locmem://")["BACKEND"] == "django.core.cache.backends.locmem.LocMemCache"


@pytest.mark.parametrize("url", ["memcache://127.0.0.1", "file://relative/path", "/var/cache"])
def test_a_url_it_cannot_use_is_a_clear_error(url):
    with pytest.raises(ValueError, match="CACHE_URL"):
        parse_cache_url(url)
