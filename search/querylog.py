"""Keeping count of what readers search for: for the 搜索统计 report and the dashboard's panel of
searches that found nothing.

Every search the site answers is counted, whether the search view ran or the page cache
answered for it: the view records its own answer and marks the response with its result count
(X-Search-Count), and the page cache reports each hit it serves (bulletin.caching.signals), so
a query readers repeat is counted each time, not once per cache lifetime. Only the one-second
cache nginx keeps in front (deploy/nginx-proxy.conf) answers without us: under heavy load a
query repeated within a second may be counted once.

A search is its query and its filters, from page 1: turning to page 2 or changing the order is
the same search read further, not another one. Counting is one UPDATE (an INSERT the first time
a query is seen on a day) and never costs the reader their results: if it fails, it is logged.
"""

import logging
from datetime import timedelta

from django.db import DatabaseError, IntegrityError, transaction
from django.db.models import F
from django.http import QueryDict
from django.utils import timezone

from bulletin.caching.query import canonical_query, search_params

from .engines import FACETS
from .models import ReaderSearch

logger = logging.getLogger(__name__)

COUNT_HEADER = "X-Search-Count"


def record(params, results):
    """Count a search answered with ``results`` stories; ``params`` are its query parameters."""
    key = search_key(params)
    if key is None:
        return
    try:
        with transaction.atomic():  # a failure leaves the request's own transaction usable
            _count(key, results)
    except DatabaseError:
        logger.warning("search: could not count a reader's search", exc_info=True)


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


def _count(key, results):
    query, filters = key
    row = {"day": timezone.localdate(), "query": query, "filters": filters}
    rows = ReaderSearch.objects.filter(**row)
    if rows.update(searches=F("searches") + 1, results=results):
        return
    try:
        with transaction.atomic():
            ReaderSearch.objects.create(**row, results=results)
    except IntegrityError:  # another app server counted the first one at the same moment
        rows.update(searches=F("searches") + 1, results=results)


def prune(days):
    """Forget the searches counted before the last ``days`` days (today included); return how
    many daily rows went."""
    since = timezone.localdate() - timedelta(days=days - 1)
    deleted, _ = ReaderSearch.objects.filter(day__lt=since).delete()
    return deleted
