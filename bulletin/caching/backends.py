"""A file cache for pages shared by every gunicorn worker on one machine."""

import random

from django.core.cache.backends.filebased import FileBasedCache

# On average one write in this many checks whether the cache has grown past MAX_ENTRIES.
CULL_CHECK_EVERY = 100


class PageFileCache(FileBasedCache):
    """Django's file cache, counting its files now and then rather than on every write.

    FileBasedCache lists its whole directory on every set() to decide whether to cull; with
    thousands of cached pages that listing costs more than rendering the page did. Checking on
    one write in a hundred lets the cache overshoot MAX_ENTRIES by about that many files.
    """

    def _cull(self):
        if random.randrange(CULL_CHECK_EVERY) == 0:
            super()._cull()
