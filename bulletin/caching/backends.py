"""A file cache for pages shared by every gunicorn worker on one machine."""

import functools
import logging
import random
import time

from django.core.cache.backends.filebased import FileBasedCache

from bulletin import compat

logger = logging.getLogger(__name__)

# On average one write in this many checks whether the cache has grown past MAX_ENTRIES.
CULL_CHECK_EVERY = 100
# A failing directory is logged at most this often per process, not on every request.
FAILURE_LOG_EVERY = 60


def failing_soft(default):
    """Answer ``default`` (a miss, nothing stored) when the cache's directory fails."""

    def decorator(method):
        @functools.wraps(method)
        def wrapper(self, *args, **kwargs):
            try:
                return method(self, *args, **kwargs)
            except OSError as error:
                self.storage_failed(error)
                return default

        return wrapper

    return decorator


class PageFileCache(FileBasedCache):
    """Django's file cache, counting its files now and then rather than on every write, and
    serving as an empty cache while its directory cannot be written or read.

    FileBasedCache lists its whole directory on every set() to decide whether to cull; with
    thousands of cached pages that listing costs more than rendering the page did. Checking on
    one write in a hundred lets the cache overshoot MAX_ENTRIES by about that many files.

    A full disk, a directory made read-only or a volume gone must not take the site down with
    the cache: Wagtail (its site lookup) and the page cache then find nothing and store nothing,
    so pages are rendered for every request until the directory works again; the error is logged.
    """

    last_failure_logged = float("-inf")

    def storage_failed(self, error):
        now = time.monotonic()
        if now - PageFileCache.last_failure_logged >= FAILURE_LOG_EVERY:
            PageFileCache.last_failure_logged = now
            logger.error("Page cache directory %s failed, serving pages uncached: %s", self._dir, error)

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
