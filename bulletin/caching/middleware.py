"""Serve anonymous readers' GET requests from the page cache; see pagecache.py for invalidation."""

from django.conf import settings
from django.core.exceptions import DisallowedHost
from django.utils.cache import cc_delim_re

from . import pagecache, query, signals

CACHEABLE_TYPES = (
    "text/html",
    "application/rss+xml",
    "application/atom+xml",
    "application/xml",
    "text/xml",
    "application/json",
    "text/plain",
)
PRIVATE_CACHE_CONTROL = {"private", "no-cache", "no-store"}


class AnonymousPageCacheMiddleware:
    """Full-page cache for readers who are not logged in.

    Sits above the session and CSRF middleware, so a hit costs three cache reads and no queries,
    and so it sees the cookies those middleware set on a miss: any response that sets a cookie
    (a session, a CSRF token for a form) is personal and is not stored.
    """

    def __init__(self, get_response):
        self.get_response = get_response
        self.excluded_prefixes = (
            "/admin/",
            "/documents/",
            settings.STATIC_URL,
            settings.MEDIA_URL,
        )

    def __call__(self, request):
        with pagecache.request_scope():
            return self.respond(request)

    def respond(self, request):
        if not self.is_cacheable_request(request):
            return self.get_response(request)
        generation = pagecache.current_generation()
        if generation is None:  # the cache's storage is failing: serve, uncached
            return self.get_response(request)
        # The view may cut the query string down (query.keep_only); the key is made from this.
        query_string = request.META.get("QUERY_STRING", "")
        try:
            params = pagecache.recorded_params(request, generation)
            if params is not None:
                response = pagecache.get(pagecache.page_key(request, generation, params, query_string))
                if response is not None:
                    response["X-Page-Cache"] = "hit"
                    signals.served_from_cache.send(sender=type(self), request=request, response=response)
                    return response
        except DisallowedHost:
            return self.get_response(request)  # let CommonMiddleware answer 400

        response = self.get_response(request)
        params = getattr(request, "page_cache_params", None)
        if params is not None and self.is_cacheable_response(response):
            pagecache.store(request, generation, params, query_string, response)
            response["X-Page-Cache"] = "miss"
        return response

    def process_view(self, request, view_func, view_args, view_kwargs):
        # Before a Django view reads request.GET (Wagtail pages: wagtail_hooks.py).
        params = query.view_params(request.resolver_match.view_name)
        if params is not None:
            query.keep_only(request, params)

    def is_cacheable_request(self, request):
        return (
            settings.PAGE_CACHE_TIMEOUT > 0
            and request.method == "GET"
            and not request.path.startswith(self.excluded_prefixes)
            # Logged-in editors see the userbar and may see their own changes: never cached.
            and settings.SESSION_COOKIE_NAME not in request.COOKIES
            and "HTTP_AUTHORIZATION" not in request.META
        )

    def is_cacheable_response(self, response):
        if response.status_code != 200 or response.streaming or response.cookies:
            return False
        content_type = response.get("Content-Type", "").split(";")[0].strip()
        if content_type not in CACHEABLE_TYPES:
            return False
        cache_control = {
            directive.split("=")[0].strip().lower()
            for directive in cc_delim_re.split(response.get("Cache-Control", ""))
        }
        return not cache_control & PRIVATE_CACHE_CONTROL
