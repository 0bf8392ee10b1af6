"""The query parameters each reader URL reads, and a request cut down to them.

A view sees only the parameters declared for it here; the page cache keys a page on the same
ones. So ``?x=<random>`` is answered with the page the plain URL gives, from the cache entry the
plain URL filled, and cannot make the site render or store anything new.

A parameter is matched the way nginx's ``$arg_<name>`` matches it (deploy/nginx-proxy.conf keys
its one-second cache on those): by its raw, undecoded name, case-insensitively, the first
occurrence winning; an empty value counts as absent. So nginx and the app always agree on which
page a URL asks for, and neither can be made to store one page under another's key.

A list's page number is also made canonical (page_number()), so that ``?page=<junk>`` shares
the entry of the first page instead of making one of its own (a number past the last page is a
404, which is never cached).

A Django view missing from VIEW_PARAMS is not cached at all (the middleware stores only pages
whose parameters are known); a Wagtail page type missing from PAGE_PARAMS reads none.
"""

from urllib.parse import quote, unquote_plus

from django.http import QueryDict


def page_number(value):
    """A ``?page=`` value as listing.page_of() reads it: an integer (any below 1 is not found,
    as 0 is); anything else (the first page) is dropped like an absent one."""
    try:
        number = int(unquote_plus(value))
    except ValueError:
        return None
    return str(max(number, 0))


# Each declaration maps a parameter's name to a function making its raw value canonical (None:
# kept as sent).
PAGE = {"page": page_number}


def search_params():
    from search.forms import SearchForm  # the search form names what the search page reads

    return dict.fromkeys(SearchForm.base_fields)


# Django views by URL name: what each reads. A callable is looked up when first needed.
VIEW_PARAMS = {
    "stories:notices": PAGE,
    "stories:briefs": PAGE,
    "stories:archive": {},
    "stories:archive_month": PAGE,
    "stories:archive_day": PAGE,
    "stories:feed": {},
    "stories:sitemap": {},
    "stories:sitemap-section": {"p": page_number},
    "topics:index": {},
    "topics:detail": PAGE,
    "topics:feed": {},
    "people:index": PAGE,
    "people:detail": PAGE,
    "editions:index": PAGE,
    "editions:detail": {},
    # The page view points at a story's regions with a #fragment, which never reaches the server.
    "epaper:page": {},
    "epaper:calendar_latest": {},
    "epaper:calendar": {},
    "search:page": search_params,
    "search:api": search_params,
    "search:suggest": {"q": None},
    "epaper:api": {},
    "seo:robots": {},
    "readership:count": {},  # the 热门 beacon: POST only, never cached, reads no parameter
}

# Wagtail pages by model (app_label.modelname): what each type reads.
PAGE_PARAMS = {
    "stories.storyindexpage": PAGE,
}


def view_params(view_name):
    """The parameters the view named ``view_name`` reads, or None if it has not said."""
    params = VIEW_PARAMS.get(view_name)
    return params() if callable(params) else params


def page_params(page):
    return PAGE_PARAMS.get(page._meta.label_lower, {})


def canonical_query(query_string, params):
    """``query_string`` cut down to the declared ``params``, made canonical, in their order."""
    found = {}
    for pair in query_string.split("&"):
        name, equals, value = pair.partition("=")
        name = name.lower()
        if equals and name in params and name not in found:  # the first occurrence decides
            canonical = params[name]
            found[name] = quote(canonical(value) or "") if canonical and value else value
    return "&".join(f"{name}={found[name]}" for name in params if found.get(name))


def keep_only(request, params):
    """Let the view see only ``params`` of the query string; remember them for the page cache."""
    query = canonical_query(request.META.get("QUERY_STRING", ""), params)
    request.META["QUERY_STRING"] = query
    # As Django's WSGIRequest decodes it: the WSGI string holds the raw bytes as Latin-1.
    request.GET = QueryDict(query.encode("iso-8859-1", "replace"), encoding=request.encoding)
    request.page_cache_params = params
