"""A full-page cache of what anonymous readers see, shared by every worker through Django's cache.

Each stored page is keyed by a *generation* token. Any change readers could see (a story
published, unpublished, edited or deleted; a person, topic or edition edited) replaces the token,
so every page cached before the change is never looked up again: invalidation is one cache write,
visible at once to every gunicorn worker that shares the cache. Old entries age out on their own.

A page is keyed on the query parameters its view reads (query.py), so a URL with parameters
nobody reads shares the plain URL's entry. Which parameters a path's view reads is only known
once the view has been found (for a Wagtail page, after routing queries the database), so the
first render of a path records them, per generation, beside the page.

The cache is an optimisation, never a dependency: while its storage fails (backends.py) there is
no generation token, and pages are served uncached.
"""

import hashlib
import logging
import math
import secrets
import time
from contextlib import contextmanager
from contextvars import ContextVar

from django.conf import settings
from django.core.cache import caches
from django.db.models import Min
from django.http import HttpResponse
from django.utils import timezone

from .query import canonical_query

logger = logging.getLogger(__name__)

GENERATION_KEY = "pagecache:generation"
# How long memoize() keeps a value while pages are not cached (PAGE_CACHE_TIMEOUT 0), for what
# every page needs either way: a new generation or the next expiry drops it sooner.
UNCACHED_MEMO_LIFETIME = 24 * 60 * 60


# What one request has read of the cache already (request_scope): the generation, memoized values,
# and what it worked out for itself (per_request).
_request_reads = ContextVar("pagecache_request_reads", default=None)


def page_cache():
    return caches[settings.PAGE_CACHE_ALIAS]


@contextmanager
def request_scope():
    """Within it (one request), the generation is read once and each memoized value fetched once.

    A page asks for the generation and for what memoize() keeps many times over (every list of
    stories asks for the view restrictions): a cache read and an unpickling each time. It is
    also right: the page is stored under the generation its request started with.
    """
    token = _request_reads.set({})
    try:
        yield
    finally:
        _request_reads.reset(token)


def per_request(name, compute):
    """``compute()``'s value, computed once within this request (request_scope) and again in the
    next: for what depends on the request itself, such as its site, which memoize() could not
    share between requests. Outside a request scope it is computed on every call; like the
    generation, it is forgotten when the request starts a new one (invalidate)."""
    reads = _request_reads.get()
    if reads is None:
        return compute()
    key = f"request:{name}"
    if key not in reads:
        reads[key] = compute()
    return reads[key]


def current_generation():
    """The current generation's token, or None while the cache cannot store one."""
    reads = _request_reads.get()
    if reads is None:
        return _read_generation()
    if "generation" not in reads:
        reads["generation"] = _read_generation()
    return reads["generation"]


def _read_generation():
    cache = page_cache()
    generation = cache.get(GENERATION_KEY)
    if generation is None:
        # First request, or the token was culled: start a new generation (add() so that
        # concurrent workers agree on one token).
        cache.add(GENERATION_KEY, secrets.token_hex(8), timeout=None)
        generation = cache.get(GENERATION_KEY)
    return generation


def invalidate():
    """Forget every cached page: the next anonymous request for each is rendered afresh."""
    token = secrets.token_hex(8)
    reads = _request_reads.get()
    if reads is not None:  # the rest of the request (an editor's publish) reads the new generation
        reads.clear()
    page_cache().set(GENERATION_KEY, token, timeout=None)
    if page_cache().get(GENERATION_KEY) not in (token, None):
        # The old token is still there (a cache that can be read but not written): pages cached
        # before this change go on being served until they expire. Without a token none are.
        page_cache().delete(GENERATION_KEY)
        if page_cache().get(GENERATION_KEY) is not None:
            logger.critical("The page cache could not be emptied: readers get pages cached before a change")


def memoize(name, compute, uncached_lifetime=None):
    """``compute()``'s value, computed once per generation for every worker that shares the cache.

    For data that many pages show and only a publish or an edit changes, such as the topic list
    with story counts in every page's sidebar: a page that misses the page cache still skips
    that work. Like a page, never kept past the next story's expiry. Off, like the page cache,
    when PAGE_CACHE_TIMEOUT is 0, unless ``uncached_lifetime`` says how many seconds to keep
    it then: for what every page shows whether pages are cached or not (the site's identity).
    """
    lifetime = settings.PAGE_CACHE_TIMEOUT or uncached_lifetime
    generation = current_generation() if lifetime else None
    if generation is None:
        return compute()
    key = f"pagecache:{generation}:memo:{name}"
    reads = _request_reads.get()
    if reads is not None and key in reads:
        return reads[key]
    value = _fetch(key)
    if value is None:
        value = compute()
        _keep(key, value, generation, lifetime)
    if reads is not None:
        reads[key] = value
    return value


def _digest(request, path):
    url = f"{request.scheme}://{request.get_host()}{path}"
    return hashlib.sha256(url.encode()).hexdigest()


def recorded_params(request, generation):
    """The query parameters the view for this path read when it was last rendered, if known."""
    return _fetch(f"pagecache:{generation}:params:{_digest(request, request.path)}")


def page_key(request, generation, params, query_string):
    """The entry of this path with ``query_string`` cut down to the ``params`` its view reads."""
    query = canonical_query(query_string, params)
    return f"pagecache:{generation}:{_digest(request, f'{request.path}?{query}')}"


def get(key):
    stored = _fetch(key)
    if stored is None:
        return None
    status, headers, content = stored
    response = HttpResponse(content, status=status)
    for name, value in headers:
        response[name] = value
    return response


def store(request, generation, params, query_string, response):
    """Keep ``response`` for every request of this path that reads the same ``params``."""
    _keep(f"pagecache:{generation}:params:{_digest(request, request.path)}", params, generation)
    entry = (response.status_code, list(response.items()), response.content)
    _keep(page_key(request, generation, params, query_string), entry, generation)


def _keep(key, value, generation, lifetime=None):
    # Stored with the moment it must be dropped, checked on every read: the backend's own
    # timeout counts from when it stores the entry, which on a busy machine is a little later.
    deadline = deadline_for(generation, lifetime)
    timeout = deadline - time.time()
    if timeout > 0:
        page_cache().set(key, (deadline, value), math.ceil(timeout))


def _fetch(key):
    stored = page_cache().get(key)
    if stored is None:
        return None
    deadline, value = stored
    return value if time.time() < deadline else None


def deadline_for(generation, lifetime=None):
    """When a page cached now (for ``lifetime`` seconds, PAGE_CACHE_TIMEOUT unless given) must be
    dropped: never past the moment the next live page expires.

    Expiry needs no publish to take effect (StoryPage.for_readers() hides an expired story at
    once), so no signal announces it; instead a page cached now is dropped by then.
    """
    deadline = time.time() + (settings.PAGE_CACHE_TIMEOUT if lifetime is None else lifetime)
    next_expiry = _next_expiry(generation)
    return min(deadline, next_expiry) if next_expiry else deadline


def _next_expiry(generation):
    # Looked up once per generation (every publish or edit starts a new one), not per page.
    from wagtail.models import Page

    key = f"pagecache:{generation}:next-expiry"
    next_expiry = page_cache().get(key)
    if next_expiry is None or (next_expiry and next_expiry <= time.time()):
        soonest = (
            Page.objects.live().filter(expire_at__gt=timezone.now()).aggregate(soonest=Min("expire_at"))["soonest"]
        )
        next_expiry = soonest.timestamp() if soonest else 0
        page_cache().set(key, next_expiry, settings.PAGE_CACHE_TIMEOUT)
    return next_expiry
