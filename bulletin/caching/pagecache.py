"""A full-page cache of what anonymous readers see, shared by every worker through Django's cache.

Each stored page is keyed by a *generation* token. Any change readers could see (a story
published, unpublished, edited or deleted; a person, topic or edition edited) replaces the token,
so every page cached before the change is never looked up again: invalidation is one cache write,
visible at once to every gunicorn worker that shares the cache. Old entries age out on their own.
"""

import hashlib
import secrets
import time

from django.conf import settings
from django.core.cache import caches
from django.db.models import Min
from django.http import HttpResponse
from django.utils import timezone

GENERATION_KEY = "pagecache:generation"


def page_cache():
    return caches[settings.PAGE_CACHE_ALIAS]


def current_generation():
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
    page_cache().set(GENERATION_KEY, secrets.token_hex(8), timeout=None)


def memoize(name, compute):
    """``compute()``'s value, computed once per generation for every worker that shares the cache.

    For data that many pages show and only a publish or an edit changes, such as the topic list
    with story counts in every page's sidebar: a page that misses the page cache still skips
    that work. Off, like the page cache, when PAGE_CACHE_TIMEOUT is 0.
    """
    if settings.PAGE_CACHE_TIMEOUT <= 0:
        return compute()
    generation = current_generation()
    key = f"pagecache:{generation}:memo:{name}"
    value = page_cache().get(key)
    if value is None:
        value = compute()
        timeout = timeout_for(generation)
        if timeout > 0:
            page_cache().set(key, value, timeout)
    return value


def page_key(request, generation):
    url = f"{request.scheme}://{request.get_host()}{request.get_full_path()}"
    return f"pagecache:{generation}:{hashlib.sha256(url.encode()).hexdigest()}"


def get(key):
    stored = page_cache().get(key)
    if stored is None:
        return None
    status, headers, content = stored
    response = HttpResponse(content, status=status)
    for name, value in headers:
        response[name] = value
    return response


def store(key, generation, response):
    timeout = timeout_for(generation)
    if timeout > 0:
        page_cache().set(key, (response.status_code, list(response.items()), response.content), timeout)


def timeout_for(generation):
    """How long a page may be kept: never past the moment the next live page expires.

    Expiry needs no publish to take effect (StoryPage.for_readers() hides an expired story at
    once), so no signal announces it; instead a page cached now is dropped by then.
    """
    timeout = settings.PAGE_CACHE_TIMEOUT
    next_expiry = _next_expiry(generation)
    if next_expiry:
        timeout = min(timeout, int(next_expiry - time.time()))
    return timeout


def _next_expiry(generation):
    # Looked up once per generation (every publish or edit starts a new one), not per page.
    from wagtail.models import Page

    key = f"pagecache:{generation}:next-expiry"
    next_expiry = page_cache().get(key)
    if next_expiry is None or (next_expiry and next_expiry <= time.time()):
        soonest = Page.objects.live().filter(expire_at__gt=timezone.now()).aggregate(soonest=Min("expire_at"))["soonest"]
        next_expiry = soonest.timestamp() if soonest else 0
        page_cache().set(key, next_expiry, settings.PAGE_CACHE_TIMEOUT)
    return next_expiry
