"""The page cache's storage: files shared by every gunicorn worker on one machine, or Redis
shared by every app server. Either serves as an empty cache while its storage fails."""

import functools
import logging
import random
import time

from django.core.cache.backends.filebased import FileBasedCache
from django.core.cache.backends.redis import RedisCache
from redis.exceptions import RedisError

from bulletin import compat

logger = logging.getLogger(__name__)

# On average one write in this many checks whether the cache has grown past MAX_ENTRIES.
CULL_CHECK_EVERY = 100
# A failing storage is logged at most this often per process, not on every request.
FAILURE_LOG_EVERY = 60


def failing_soft(default, errors=OSError):
    """Answer ``default`` (a miss, nothing stored) when the cache's storage fails with ``errors``."""

    def decorator(method):
        @functools.wraps(method)
        def wrapper(self, *args, **kwargs):
            try:
                return method(self, *args, **kwargs)
            except errors as error:
                self.storage_failed(error)
                return default

        return wrapper

    return decorator


class FailingSoftly:
    """Logging for a cache whose methods are failing_soft(): each failure is logged at most once
    per FAILURE_LOG_EVERY seconds per process and backend class, not on every request."""

    last_failure_logged = float("-inf")

    def storage(self):
        """Where the cache stores its entries, for the log."""
        raise NotImplementedError

    def storage_failed(self, error):
        now = time.monotonic()
        if now - type(self).last_failure_logged >= FAILURE_LOG_EVERY:
            type(self).last_failure_logged = now
            logger.error("Page cache %s failed, serving pages uncached: %s", self.storage(), error)


class PageFileCache(FailingSoftly, FileBasedCache):
    """Django's file cache, counting its files now and then rather than on every write, and
    serving as an empty cache while its directory cannot be written or read.

    FileBasedCache lists its whole directory on every set() to decide whether to cull; with
    thousands of cached pages that listing costs more than rendering the page did. Checking on
    one write in a hundred lets the cache overshoot MAX_ENTRIES by about that many files.

    A full disk, a directory made read-only or a volume gone must not take the site down with
    the cache: Wagtail (its site lookup) and the page cache then find nothing and store nothing,
    so pages are rendered for every request until the directory works again; the error is logged.
    """

    def storage(self):
        return f"directory {self._dir}"

    _createdir = failing_soft(None)(FileBasedCache._createdir)  # also run when the cache is opened
    get = failing_soft(None)(FileBasedCache.get)
    set = failing_soft(None)(FileBasedCache.set)
    add = failing_soft(False)(FileBasedCache.add)
    touch = failing_soft(False)(FileBasedCache.touch)
    delete = failing_soft(False)(FileBasedCache.delete)
    has_key = failing_soft(False)(FileBasedCache.has_key)
    clear = failing_soft(None)(FileBasedCache.clear)

    def _cull(self):
        if random.randrange(CULL_CHECK_EVERY) == 0:
            compat.cull_file_cache(self)


class PageRedisCache(FailingSoftly, RedisCache):
    """Django's Redis cache, serving as an empty cache while Redis is down or too slow (its
    timeouts: cache_url.py), and emptied by deleting its own keys only.

    Django's clear() is FLUSHDB, which would also drop other applications' keys, or another copy
    of the site's, in a shared Redis database. The site itself never needs it (invalidation
    starts a new generation, pagecache.py); clear() deletes just the keys under KEY_PREFIX.
    """

    def storage(self):
        return f"Redis {self._servers[0]}"

    get = failing_soft(None, RedisError)(RedisCache.get)
    set = failing_soft(None, RedisError)(RedisCache.set)
    add = failing_soft(False, RedisError)(RedisCache.add)
    touch = failing_soft(False, RedisError)(RedisCache.touch)
    delete = failing_soft(False, RedisError)(RedisCache.delete)
    has_key = failing_soft(False, RedisError)(RedisCache.has_key)
    get_many = failing_soft({}, RedisError)(RedisCache.get_many)
    set_many = failing_soft([], RedisError)(RedisCache.set_many)
    delete_many = failing_soft(None, RedisError)(RedisCache.delete_many)

    @failing_soft(None, RedisError)
    def clear(self):
        client = compat.redis_client(self)
        keys = list(client.scan_iter(match=f"{self.key_prefix}:*", count=1000))
        for start in range(0, len(keys), 1000):
            client.delete(*keys[start : start + 1000])
