"""sitemap.xml: an index of sitemap pages, each of at most SITEMAP_PAGE_SIZE URLs.

Stories are split into one section per year (``/sitemap-stories-2023.xml``), paged with ``?p=``
within it, so that a page's query reads one year through the date index and skips at most that
year's earlier stories, whatever the size of the archive. A story entry needs its URL and its
last publication only: those two columns are fetched, not the pages. The home page, the section
pages, the reader lists and the public topics, people and editions have sections of their own.

Beside them, ``/sitemap-news.xml`` is a Google News sitemap of the stories dated today or
yesterday (``news:`` namespace): what news crawlers poll for new articles.

Every URL is absolute on SITE_URL (bulletin.siteurl), not on the host the request came to.
"""

import datetime
import math

from django.conf import settings
from django.contrib.sitemaps import Sitemap
from django.contrib.sitemaps.views import SitemapIndexItem, x_robots_tag
from django.contrib.sitemaps.views import sitemap as sitemap_view
from django.core.paginator import Paginator
from django.db.models import Count, Max, Q
from django.db.models.functions import ExtractYear
from django.http import Http404
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.encoding import iri_to_uri
from wagtail.models import Page, Site

from bulletin import siteurl
from bulletin.editions.models import Edition
from bulletin.people.models import Person
from bulletin.seo.metadata import published_at
from bulletin.topics.models import Topic
from bulletin.xmltext import xml_safe

from .addresses import parent_path, story_path
from .models import StoryPage

STORY_SECTION_PREFIX = "stories-"


class PublicSitemap(Sitemap):
    """Locations on SITE_URL, pages of SITEMAP_PAGE_SIZE."""

    template_name = "sitemap.xml"

    @property
    def limit(self):
        return settings.SITEMAP_PAGE_SIZE

    @property
    def protocol(self):
        return siteurl.scheme()

    def get_domain(self, site=None):
        return siteurl.netloc()

    @property
    def paginator(self):
        # An empty section has no page 1: a 404 rather than an empty sitemap (for a year with
        # no stories, say) that the page cache would keep.
        return Paginator(self._items(), self.limit, allow_empty_first_page=False)


def site_root():
    return Site.objects.select_related("root_page").get(is_default_site=True).root_page


def site_stories(root):
    """The public stories under the site's root page (all of them: stories live under /news/)."""
    return StoryPage.objects.for_readers().filter(url_path__startswith=root.url_path)


def page_path(url_path, root_url_path):
    """A page's path on the site from its url_path (Wagtail's tree path, from the site's root),
    percent-encoded as page.url is."""
    return iri_to_uri(url_path[len(root_url_path) - 1 :])


def story_site_path(url_path, date, pk, root_url_path):
    """A story's short address (page.url) from the columns of its row."""
    return story_path(parent_path(page_path(url_path, root_url_path)), date, pk)


class SectionSitemap(PublicSitemap):
    """The home page and the section pages under it (stories are in the year sections)."""

    def items(self):
        root = site_root()
        pages = Page.objects.filter(Q(pk=root.pk) | Q(depth=root.depth + 1, path__startswith=root.path)).live().public()
        rows = pages.order_by("path").values_list("url_path", "last_published_at")
        return [(page_path(url_path, root.url_path), lastmod) for url_path, lastmod in rows]

    def location(self, item):
        return item[0]

    def lastmod(self, item):
        return item[1]


class StoryYearSitemap(PublicSitemap):
    """The public stories dated in one year, oldest first, as (path, last published) pairs."""

    def __init__(self, year):
        self.year = year

    def items(self):
        root = site_root()
        stories = (
            site_stories(root)
            .filter(date__year=self.year)
            .order_by("date", "pk")
            .values_list("url_path", "date", "pk", "last_published_at")
        )
        return _PathsOf(stories, root.url_path)

    def location(self, item):
        return item[0]

    def lastmod(self, item):
        return item[1]


class _PathsOf:
    """A sliceable (url_path, date, pk, last published) queryset that yields (story address, last published)."""

    def __init__(self, queryset, root_url_path):
        self.queryset, self.root_url_path = queryset, root_url_path

    def count(self):
        return self.queryset.count()

    def __len__(self):
        return self.count()

    def __getitem__(self, index):
        rows = self.queryset[index]
        return [
            (story_site_path(url_path, date, pk, self.root_url_path), lastmod) for url_path, date, pk, lastmod in rows
        ]


class ListSitemap(PublicSitemap):
    """The reader lists that are views rather than pages."""

    def items(self):
        return [
            "stories:notices",
            "stories:briefs",
            "stories:archive",
            "topics:index",
            "people:index",
            "editions:index",
        ]

    def location(self, name):
        return reverse(name)


class TopicSitemap(PublicSitemap):
    def items(self):
        return Topic.objects.with_public_stories()


class PersonSitemap(PublicSitemap):
    def items(self):
        return Person.objects.with_public_stories()


class EditionSitemap(PublicSitemap):
    def items(self):
        return Edition.objects.with_public_stories()


class NewsSitemap(PublicSitemap):
    """Google News: the public stories dated in the last two days (today and yesterday in the
    paper's time zone), newest first, with their headline and publication time.

    By the story's date rather than the time it went live: an archive imported today is years
    old and stays out. Like every section, it is listed in the index only when it has stories (a
    sitemap holds at least one URL) and is a 404 when it has none. A page holds SITEMAP_PAGE_SIZE
    (1000) stories, as many as Google reads from one news sitemap. Its stories are also in their
    year's section: news crawlers read this one for what is new.
    """

    template_name = "sitemaps/news.xml"
    DAYS = 2

    def items(self):
        root = site_root()
        since = timezone.localdate() - datetime.timedelta(days=self.DAYS - 1)
        stories = (
            site_stories(root)
            .filter(date__gte=since)
            .order_by("-date", "-first_published_at", "-pk")
            .values_list("url_path", "pk", "title", "date", "first_published_at", "last_published_at")
        )
        return _NewsItems(stories, root.url_path)

    def location(self, item):
        return item["path"]

    def lastmod(self, item):
        return item["lastmod"]


class _NewsItems(_PathsOf):
    """A sliceable queryset of story rows that yields what a news sitemap entry shows."""

    def __getitem__(self, index):
        return [
            {
                "path": story_site_path(url_path, date, pk, self.root_url_path),
                "title": xml_safe(title),
                "published": published_at(date, first_published_at),
                "lastmod": last_published_at,
            }
            for url_path, pk, title, date, first_published_at, last_published_at in self.queryset[index]
        ]


SECTIONS = {
    "pages": SectionSitemap,
    "lists": ListSitemap,
    "topics": TopicSitemap,
    "people": PersonSitemap,
    "editions": EditionSitemap,
    "news": NewsSitemap,
}


def story_years():
    """(year, number of public stories, latest publication) per year, in one grouped query."""
    return (
        site_stories(site_root())
        .annotate(year=ExtractYear("date"))
        .order_by("year")
        .values_list("year")
        .annotate(count=Count("pk"), lastmod=Max("last_published_at"))
    )


def section_location(section, page=1):
    url = siteurl.absolute(reverse("stories:sitemap-section", kwargs={"section": section}))
    return url if page == 1 else f"{url}?p={page}"


@x_robots_tag
def index(request):
    """The sitemap index: every page of every section, stories by year."""
    items = []
    for section, sitemap_class in SECTIONS.items():
        pages = sitemap_class().paginator.num_pages
        items += [SitemapIndexItem(section_location(section, page)) for page in range(1, pages + 1)]
    page_size = settings.SITEMAP_PAGE_SIZE
    for year, count, lastmod in story_years():
        pages = math.ceil(count / page_size)
        section = f"{STORY_SECTION_PREFIX}{year}"
        items += [SitemapIndexItem(section_location(section, page), lastmod) for page in range(1, pages + 1)]
    return TemplateResponse(request, "sitemap_index.xml", {"sitemaps": items}, content_type="application/xml")


def section(request, section):
    """One page (``?p=``) of one section."""
    if section.startswith(STORY_SECTION_PREFIX):
        year = section.removeprefix(STORY_SECTION_PREFIX)
        if not (year.isascii() and year.isdigit() and 1 <= int(year) <= 9999):
            raise Http404("没有这一年的稿件地图")
        sitemap = StoryYearSitemap(int(year))
    elif section in SECTIONS:
        sitemap = SECTIONS[section]()
    else:
        raise Http404("没有这个网站地图分区")
    return sitemap_view(request, {section: sitemap}, section=section, template_name=sitemap.template_name)
