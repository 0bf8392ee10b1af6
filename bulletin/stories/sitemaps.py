"""sitemap.xml: the site's pages, every public story, and the public topics, people and editions."""

from django.contrib.sitemaps import Sitemap
from django.urls import reverse
from wagtail.contrib.sitemaps import Sitemap as PageSitemap

from .listing import public_editions, public_people, public_topics
from .models import StoryPage


class SectionSitemap(PageSitemap):
    """The home page and section pages. Stories are left to StorySitemap and its reader rules."""

    def items(self):
        return super().items().not_type(StoryPage)


class StorySitemap(PageSitemap):
    def items(self):
        root = self.get_wagtail_site().root_page
        return StoryPage.objects.for_readers().descendant_of(root).order_by("path").defer_streamfields().specific()


class ListSitemap(Sitemap):
    """The reader lists that are views rather than pages."""

    def items(self):
        return ["stories:notices", "stories:briefs", "stories:archive", "topics:index", "people:index", "editions:index"]

    def location(self, name):
        return reverse(name)


class TopicSitemap(Sitemap):
    def items(self):
        return public_topics()


class PersonSitemap(Sitemap):
    def items(self):
        return public_people()


class EditionSitemap(Sitemap):
    def items(self):
        return public_editions()


SITEMAPS = {
    "sections": SectionSitemap,
    "stories": StorySitemap,
    "lists": ListSitemap(),
    "topics": TopicSitemap(),
    "people": PersonSitemap(),
    "editions": EditionSitemap(),
}
