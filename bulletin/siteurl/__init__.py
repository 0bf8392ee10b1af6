"""SITE_URL: the one public address of the site (scheme, host, port) for links that leave it.

The sitemap, the feeds and e-mails link to the site from outside a reader's page, so they
cannot use the request's own host and scheme: behind a proxy that terminates TLS the app sees
http, and a crawler or a mail client needs the address readers use. Wagtail's default Site row
is kept in step with it on every migrate (apps.py).
"""

from urllib.parse import urlsplit

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

DEFAULT_PORTS = {"http": 80, "https": 443}


def parse(url):
    """(scheme, hostname, port) of a SITE_URL, or ImproperlyConfigured saying what is wrong."""
    parts = urlsplit(url)
    try:
        port = parts.port
    except ValueError:
        port = -1
    address_only = parts.path in ("", "/") and not (parts.query or parts.fragment or parts.username)
    if parts.scheme not in DEFAULT_PORTS or not parts.hostname or port == -1 or not address_only:
        raise ImproperlyConfigured(
            f"SITE_URL {url!r} should be the site's public address: a scheme, a host and an optional port, "
            "e.g. https://news.example.cn"
        )
    return parts.scheme, parts.hostname, port or DEFAULT_PORTS[parts.scheme]


def scheme():
    return parse(settings.SITE_URL)[0]


def netloc():
    """host[:port] as readers type it (no port when it is the scheme's default)."""
    site_scheme, hostname, port = parse(settings.SITE_URL)
    return hostname if port == DEFAULT_PORTS[site_scheme] else f"{hostname}:{port}"


def absolute(path):
    """The public URL of ``path`` (a path on this site, such as a page's url)."""
    return f"{scheme()}://{netloc()}{path}"
