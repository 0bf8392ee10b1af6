from django.db import models
from wagtail.admin.panels import FieldPanel
from wagtail.models import Page

from bulletin.caching import pagecache
from bulletin.editions.models import Edition
from bulletin.stories.listing import CARD_IMAGES, LEAD_IMAGES, attach_lead_images, card_list
from bulletin.stories.models import ArticlePage, BriefPage, Kind, StoryIndexPage, StoryPage
from bulletin.stories.visibility import CachedViewRestrictions

LEAD_COUNT = 3
LATEST_COUNT = 8
BRIEF_COUNT = 6
NOTICE_COUNT = 5
PHOTO_COUNT = 6


class HomePage(CachedViewRestrictions, Page):
    """The front page: lead stories, the latest news, 图片新闻, the 简讯 column, notices, 热门, topics."""

    tagline = models.CharField("口号", max_length=120, blank=True)

    content_panels = Page.content_panels + [FieldPanel("tagline")]
    subpage_types = ["stories.StoryIndexPage"]
    max_count = 1

    class Meta:
        verbose_name = "首页"
        verbose_name_plural = "首页"

    def route(self, request, path_components):
        if not path_components:
            return super().route(request, path_components)
        # The story section is what is below the home page: fetched as what it is in one query,
        # where Page.route fetches a generic page and then its specific one.
        section = self.sections().get(path_components[0])
        if section is None:
            return super().route(request, path_components)
        section._cached_parent_obj = self  # as Page.route does: its get_parent() asks no query
        return section.route(request, path_components[1:])

    def sections(self):
        """The story sections below the home page by slug. Read once per page-cache generation,
        not on each of the requests that go through one (every story's)."""
        return pagecache.memoize(
            f"sections:{self.pk}",
            lambda: {section.slug: section for section in StoryIndexPage.objects.child_of(self)},
            uncached_lifetime=pagecache.UNCACHED_MEMO_LIFETIME,
        )

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        edition = Edition.objects.latest_with_public_story()
        leads = self.lead_stories(edition)
        stories = StoryPage.objects.reader_list()
        context.update(
            latest_edition=edition,
            leads=leads,
            # The latest news are articles: read as such, in one query with their fields.
            latest=card_list(
                ArticlePage.objects.reader_list().filter(kind=Kind.ARTICLE).exclude(pk__in=[s.pk for s in leads]),
                LATEST_COUNT,
                specific=False,
            ),
            # The two columns show a line per story (a brief's opening, a notice's title),
            # so they skip the card data. kind= adds no condition to the briefs, but lets the
            # database read them from the kind/date index.
            briefs=BriefPage.objects.for_readers().filter(kind=Kind.BRIEF).newest_first()[:BRIEF_COUNT],
            notices=stories.filter(kind=Kind.NOTICE)[:NOTICE_COUNT],
            photos=self.photo_stories(),
        )
        return context

    def lead_stories(self, latest_edition):
        """Up to LEAD_COUNT articles: those editors flagged 头条 (newest first), then the latest
        edition's articles in print order, then the newest articles.

        The edition counts only while it is current: once a story newer than the edition is
        online (the web desk publishes between print days; an archive of old editions was
        imported), an old front page would sit above this year's news, so the newest stories
        follow the flagged ones instead.
        """
        articles = ArticlePage.objects.for_readers().filter(kind=Kind.ARTICLE)
        # Through the few flagged ids, so the database does not walk the archive looking for them.
        featured = ArticlePage.objects.filter(featured=True).values("pk")
        sources = [articles.filter(pk__in=featured).newest_first()]
        # The newest date, read from the date index: the full newest-first order would sort the
        # whole archive for it.
        newest = StoryPage.objects.for_readers().order_by("-date").values_list("date", flat=True).first()
        if latest_edition and newest and latest_edition.date >= newest:
            sources.append(articles.filter(edition=latest_edition).in_print_order())
        sources.append(articles.newest_first())
        leads = []
        for queryset in sources:
            if len(leads) == LEAD_COUNT:
                break
            queryset = queryset.exclude(pk__in=[story.pk for story in leads])
            # The first lead shows its image large, the others at card size. Articles, read as such.
            leads += card_list(queryset, LEAD_COUNT - len(leads), LEAD_IMAGES + CARD_IMAGES, specific=False)
        return leads

    def photo_stories(self):
        """图片新闻: the newest articles with a lead image, for the strip of pictures."""
        # Through the lead-image index: walking the archive newest first for the few with an
        # image (none of an imported archive's have one) would read every story.
        with_image = ArticlePage.objects.filter(lead_image__isnull=False).values("pk")
        photos = ArticlePage.objects.for_readers().filter(pk__in=with_image).newest_first()
        return attach_lead_images(list(photos[:PHOTO_COUNT]))
