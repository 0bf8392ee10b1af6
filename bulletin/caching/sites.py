"""The Wagtail site a request is for, found without asking the database on every request.

Wagtail finds it with a query per request (Site.find_for_request) and then fetches the site's
home page as what it is with another, before any page is rendered, cached or not. The sites
with their home pages are read once per page-cache generation instead (saving a site or a page
starts a new one, see invalidation.py) and matched to the request's host here, by the rules of
Wagtail's get_site_for_hostname. Kept for every host name at once: a cache entry per host would
let any Host header add one.
"""

from django.http.request import split_domain_port
from wagtail.models import Site

from . import pagecache


def all_sites():
    """Every site, its root page already the specific page (the home page) routing starts from."""
    sites = list(Site.objects.select_related("root_page"))
    for site in sites:
        site.root_page = site.root_page.specific
    return sites


def site_for(sites, hostname, port):
    """The site Wagtail's get_site_for_hostname would pick among ``sites``, or None."""
    named = [site for site in sites if site.hostname == hostname]
    for site in named:
        if site.port == port:
            return site
    for site in named:
        if site.is_default_site:
            return site
    default = next((site for site in sites if site.is_default_site), None)
    if len(named) == 1:
        return named[0]  # the one site of that name answers on any port
    return default  # no site of that name, or several on other ports


def find_for_request(request):
    hostname = split_domain_port(request._get_raw_host())[0]  # as Wagtail: no ALLOWED_HOSTS check here
    sites = pagecache.memoize("sites", all_sites, uncached_lifetime=pagecache.UNCACHED_MEMO_LIFETIME)
    port = request.get_port()  # a string, where Site.port is a number
    return site_for(sites, hostname, int(port) if port.isdigit() else None)


class SiteMiddleware:
    """Hands Wagtail the request's site (it keeps it as ``request._wagtail_site`` and looks no
    further), on page-cache misses and editors' requests alike."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request._wagtail_site = find_for_request(request)
        return self.get_response(request)
