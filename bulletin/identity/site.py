"""The site's identity as pages show it, read once per page-cache generation.

Every page shows the name, the navigation and the footer, so reading the settings row, its
navigation items and the logo's rendition on each request would add queries to every page.
``current()`` keeps the result with pagecache.memoize(): computed once for all workers after each
change readers can see (saving the settings is one, bulletin.caching.invalidation), and never
kept past the next story's expiry, which changes which beats have a public story without a
publish. It stays on when PAGE_CACHE_TIMEOUT is 0: the generation still changes with every
such change. The last value is also kept outside any generation for the server error page,
which must render without the database.
"""

from dataclasses import dataclass

from django.conf import settings
from wagtail.images.models import SourceImageIOError

from bulletin.caching import pagecache
from bulletin.topics.models import Topic

# The header shows the logo at most 48 CSS pixels high (static/css/site.css); twice that for
# sharp screens. Google asks for a publisher logo at most 60 pixels high.
HEADER_LOGO = "height-96|format-png"
PUBLISHER_LOGO = "height-60|format-png"
LAST_KNOWN_KEY = "identity:last-known"


@dataclass(frozen=True)
class Logo:
    url: str
    width: int
    height: int


@dataclass(frozen=True)
class Identity:
    name: str
    tagline: str = ""
    host: str = ""
    contact: str = ""
    icp_number: str = ""
    police_number: str = ""
    police_url: str = ""
    report_phone: str = ""
    report_email: str = ""
    nav: tuple = ()  # (label, url) pairs
    logo: Logo = None
    publisher_logo: Logo = None


def current():
    """The site's identity now (see the module's docstring)."""
    return pagecache.memoize("identity", load, uncached_lifetime=pagecache.UNCACHED_MEMO_LIFETIME)


def last_known():
    """The identity last read, without touching the database: for the server error page."""
    try:
        identity = pagecache.page_cache().get(LAST_KNOWN_KEY)
    except Exception:  # the error page must render whatever else is failing
        identity = None
    return identity or Identity(name=settings.WAGTAIL_SITE_NAME)


def load():

    from .models import SiteIdentity

    row = SiteIdentity.load()
    items = list(row.nav_items.select_related("topic"))
    # A beat whose topic has no public story yet would link to a 404: left out until it has one.
    topic_ids = {item.topic_id for item in items if item.topic_id}
    public = set(
        Topic.objects.with_public_stories().filter(pk__in=topic_ids).values_list("pk", flat=True) if topic_ids else ()
    )
    identity = Identity(
        name=row.site_name,
        tagline=row.tagline,
        host=row.host,
        contact=row.contact,
        icp_number=row.icp_number,
        police_number=row.police_number,
        police_url=row.police_url,
        report_phone=row.report_phone,
        report_email=row.report_email,
        nav=tuple((item.label, item.url()) for item in items if not item.topic_id or item.topic_id in public),
        logo=_rendition(row.logo, HEADER_LOGO),
        publisher_logo=_rendition(row.logo, PUBLISHER_LOGO),
    )
    pagecache.page_cache().set(LAST_KNOWN_KEY, identity, timeout=None)
    return identity


def _rendition(image, spec):
    if image is None:
        return None
    try:
        rendition = image.get_rendition(spec)
    except SourceImageIOError:  # the original is missing from MEDIA_ROOT: show the name instead
        return None
    return Logo(url=rendition.url, width=rendition.width, height=rendition.height)
