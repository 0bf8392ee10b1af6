"""Keeping count of what readers search for: for the 搜索统计 report and the dashboard's panel of
searches that found nothing.

Every search the site answers is counted, whether the search view ran or the page cache
answered for it: the view records its own answer and marks the response with its result count
(X-Search-Count), and the page cache reports each hit it serves (bulletin.caching.signals), so
a query readers repeat is counted each time, not once per cache lifetime. Only the one-second
cache nginx keeps in front (deploy/nginx-proxy.conf) answers without us: under heavy load a
query repeated within a second may be counted once.

A search is its query and its filters, from page 1: turning to page 2 or changing the order is
the same search read further, not another one. Counting never costs the reader their results:
if it fails, it is logged.

Where the page cache is Redis (CACHE_URL=redis://, shared by every app server), a search is
counted there, in one round trip, rather than written to the database: a cached answer costs
no query at all, where the write made a hit four times dearer. The counts go to the table
(ReaderSearch) in a batch at most every FLUSH_EVERY seconds, by whichever request counts the
first search after that, and before the statistics are read (flush()). Each search is counted
under the day it was made. Elsewhere (the file cache of one machine) each search is one
UPDATE, or an INSERT the first time a query is seen on a day.
"""

import json
import logging
from datetime import date, timedelta

from django.core.cache.backends.redis import RedisCache
from django.db import DatabaseError, IntegrityError, transaction
from django.db.models import F
from django.http import QueryDict
from django.utils import timezone
from redis.exceptions import RedisError

from bulletin import compat
from bulletin.caching.pagecache import page_cache
from bulletin.caching.query import canonical_query, search_params

from .engines import FACETS
from .models import ReaderSearch

logger = logging.getLogger(__name__)

COUNT_HEADER = "X-Search-Count"

# Seconds counts may wait in Redis before they are written to the database.
FLUSH_EVERY = 10
# Redis hashes (under the cache's key prefix) of the searches not yet in the table: how many
# times each (day, query, filters) was searched, and what the last of those searches found.
PENDING_SEARCHES = "searchlog:searches"
PENDING_RESULTS = "searchlog:results"
FLUSH_LOCK = "searchlog:flushed-recently"


def record(params, results):
    """Count a search answered with ``results`` stories; ``params`` are its query parameters."""
    key = search_key(params)
    if key is None:
        return
    pending = Pending.of_page_cache()
    if pending is not None and pending.add(key, results):
        return
    _write([(key, timezone.localdate(), 1, results)])


def flush():
    """Write the counts waiting in Redis to the table: before reading the statistics."""
    pending = Pending.of_page_cache()
    if pending is not None:
        pending.flush()


def record_cached(request, response):
    """Count a search the page cache answered: the result count is the one the view stored."""
    results = response.get(COUNT_HEADER)
    if results is None or not results.isdigit():
        return  # not a search, or an answer that found nothing to count
    # The parameters the view saw when it made the page: the same ones the cache keyed it on.
    query = canonical_query(request.META.get("QUERY_STRING", ""), search_params())
    record(QueryDict(query.encode("iso-8859-1", "replace"), encoding=request.encoding), int(results))


def search_key(params):
    """(query, filters) of a search's parameters, or None when it is not a new search."""
    query = " ".join(params.get("q", "").split())
    page = params.get("page") or "1"
    if not query or not page.isdigit() or int(page) != 1:
        return None
    # Readable as the reader gave them (topic=助残), in one order; the report shows them.
    filters = "&".join(f"{name}={params[name].strip()}" for name in FACETS if params.get(name, "").strip())
    return query, filters[: ReaderSearch._meta.get_field("filters").max_length]


def _write(counts):
    """Add ``counts``, (search key, day, searches, results of the last), to the table; False if
    the database refused them."""
    try:
        with transaction.atomic():  # a failure leaves the request's own transaction usable
            for key, day, searches, results in counts:
                _count(key, day, searches, results)
    except DatabaseError:
        logger.warning("search: could not count a reader's search (%d in this batch)", len(counts), exc_info=True)
        return False
    return True


def _count(key, day, searches, results):
    query, filters = key
    row = {"day": day, "query": query, "filters": filters}
    rows = ReaderSearch.objects.filter(**row)
    if rows.update(searches=F("searches") + searches, results=results):
        return
    try:
        with transaction.atomic():
            ReaderSearch.objects.create(**row, searches=searches, results=results)
    except IntegrityError:  # another app server counted the first one at the same moment
        rows.update(searches=F("searches") + searches, results=results)


class Pending:
    """The searches counted in Redis that the table does not have yet."""

    def __init__(self, cache):
        self.client = compat.redis_client(cache)  # the cache's own connections
        self.searches, self.results, self.lock = (
            cache.make_key(name) for name in (PENDING_SEARCHES, PENDING_RESULTS, FLUSH_LOCK)
        )

    @classmethod
    def of_page_cache(cls):
        cache = page_cache()
        return cls(cache) if isinstance(cache, RedisCache) else None

    def add(self, key, results):
        """Count one search; False if Redis failed (the caller then writes it to the table)."""
        field = json.dumps([timezone.localdate().isoformat(), *key], ensure_ascii=False)
        try:
            with self.client.pipeline() as pipe:  # MULTI: a flush takes both or neither
                pipe.hincrby(self.searches, field, 1).hset(self.results, field, results).execute()
            due = self.client.set(self.lock, 1, nx=True, ex=FLUSH_EVERY)
        except RedisError:
            logger.warning("search: Redis could not count a reader's search", exc_info=True)
            return False
        if due:
            self.flush()
        return True

    def flush(self):
        try:
            with self.client.pipeline() as pipe:  # taken and emptied at once: nothing counted twice
                searches, results, *_ = (
                    pipe.hgetall(self.searches).hgetall(self.results).delete(self.searches, self.results).execute()
                )
        except RedisError:
            logger.warning("search: could not read the searches counted in Redis", exc_info=True)
            return
        counts = []
        for field, count in searches.items():
            day, query, filters = json.loads(field)
            counts.append(((query, filters), date.fromisoformat(day), int(count), int(results.get(field, 0))))
        if counts and not _write(counts):
            self.give_back(searches, results)

    def give_back(self, searches, results):
        """Counts the database refused wait in Redis for the next flush, not lost."""
        try:
            with self.client.pipeline() as pipe:
                for field, count in searches.items():
                    pipe.hincrby(self.searches, field, int(count))
                    pipe.hsetnx(self.results, field, results.get(field, 0))
                pipe.execute()
        except RedisError:
            logger.error("search: %d reader searches could not be counted", len(searches), exc_info=True)


def prune(days):
    """Forget the searches counted before the last ``days`` days (today included); return how
    many daily rows went."""
    since = timezone.localdate() - timedelta(days=days - 1)
    deleted, _ = ReaderSearch.objects.filter(day__lt=since).delete()
    return deleted
