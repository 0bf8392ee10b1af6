"""Stories: articles (新闻, some flagged as notices 通知公告) and briefs (简讯), with bylines.

Articles and briefs share one concrete parent, StoryPage, so that lists mixing both (a topic,
a person, an edition, the home page) are one query, and bylines, topics and corrections attach
to every kind of story the same way.
"""

import html
from itertools import groupby
from operator import attrgetter

from django.db import models
from django.db.models import F, Prefetch, prefetch_related_objects
from django.http import Http404, HttpResponsePermanentRedirect
from django.utils import timezone
from django.utils.html import strip_tags
from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey
from taggit.models import ItemBase
from wagtail.admin.panels import (
    FieldPanel,
    FieldRowPanel,
    InlinePanel,
    MultiFieldPanel,
    MultipleChooserPanel,
    TitleFieldPanel,
)
from wagtail.fields import StreamField
from wagtail.models import Orderable, Page, PageManager
from wagtail.query import PageQuerySet
from wagtail.search import index
from wagtail.url_routing import RouteResult

from bulletin.caching import pagecache
from bulletin.people.models import Role
from bulletin.topics.models import Topic

from . import addresses
from .blocks import StoryBodyBlock
from .listing import paginate
from .visibility import CachedViewRestrictions, not_expired, reader_stories


class Kind(models.TextChoices):
    ARTICLE = "article", "新闻"
    BRIEF = "brief", "简讯"
    NOTICE = "notice", "通知公告"


class StoryQuerySet(PageQuerySet):
    def for_readers(self):
        """What the public may see: live, not behind a view restriction, not past its expiry.

        Defined in .visibility, with the rest of what readers may see. Expiry is checked here as
        well as by ``publish_scheduled`` so that a story leaves the site at its expiry time even
        if that command has not run yet.
        """
        return reader_stories(self)

    def newest_first(self):
        return self.order_by("-date", "-first_published_at", "-pk")

    def reader_list(self):
        """Every story a reader may see, newest first: the only way stories reach a public list."""
        return self.for_readers().newest_first()

    def with_card_data(self, specific=True):
        """As specific pages, fetching what a story card shows with a query per relation (the
        edition joined; bylines with their people prefetched). Not the topics: no card shows
        them, and taggit builds a queryset per story to prefetch them.

        ``specific=False`` is for a list its caller knows to be of one story type, read through
        that type's model (ArticlePage.objects…): its rows are the specific pages already, read
        in one query, where .specific() would read their ids and types first."""
        if not specific:
            return self.select_related("edition").prefetch_related(byline_people())
        return (
            self.specific()
            .select_related("edition", for_specific_subqueries=True)
            .prefetch_related(byline_people(), for_specific_subqueries=True)
        )

    def in_print_order(self):
        """An edition's stories as printed; a story an editor added to it without a position comes last."""
        return self.order_by(F("edition_order").asc(nulls_last=True), "path")


def byline_people():
    # Into a list (ordered_bylines reads it): a card asks for its bylines more than once, and
    # each .all() of a prefetched cluster relation clones a queryset.
    return Prefetch("bylines", queryset=Byline.objects.select_related("person"), to_attr="prefetched_bylines")


StoryManager = PageManager.from_queryset(StoryQuerySet)


class StoryTopic(ItemBase):
    """Links a story to its topics (django-taggit through model, clustered with the page).

    ``added_by`` says whether the topic's keywords put it there (an importer, retag_topics) or
    a person did: re-applying changed keywords may take away only what keywords added. The
    story editor's topic field replaces the whole list on save, so saving a story makes the
    topics it keeps the editor's.
    """

    class AddedBy(models.TextChoices):
        KEYWORD = "keyword", "关键词"
        EDITOR = "editor", "编辑"

    tag = models.ForeignKey(Topic, related_name="tagged_stories", on_delete=models.CASCADE)
    content_object = ParentalKey("stories.StoryPage", related_name="topic_items", on_delete=models.CASCADE)
    added_by = models.CharField("来源", max_length=10, choices=AddedBy.choices, default=AddedBy.EDITOR)

    class Meta:
        verbose_name = "稿件专题"
        verbose_name_plural = "稿件专题"


class StoryIndexPage(CachedViewRestrictions, Page):
    """The newsroom's section that holds every story (/news/)."""

    intro = models.TextField("简介", blank=True)

    content_panels = Page.content_panels + [FieldPanel("intro")]
    parent_page_types = ["home.HomePage"]
    subpage_types = ["stories.ArticlePage", "stories.BriefPage"]
    max_count = 1

    class Meta:
        verbose_name = "稿件栏目"
        verbose_name_plural = "稿件栏目"

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["stories"] = paginate(request, StoryPage.objects.reader_list().child_of(self))
        return context

    def route(self, request, path_components):
        """Stories by their short address (see .addresses); any older address of one moves on."""
        if short := addresses.short_route(path_components):
            date_parts, pk = short
            story = self.live_story(pk=pk)
            if story.url_date_parts() != date_parts:
                return RouteResult(self, kwargs={"moved_to": story})
            return story.route(request, [])
        if len(path_components) == 1:
            # The long address by slug, which every story had before it had a short one.
            return RouteResult(self, kwargs={"moved_to": self.live_story(slug=path_components[0])})
        return super().route(request, path_components)

    def live_story(self, **lookup):
        # A query per story type, articles first, rather than the generic page and then its
        # specific one: an article, most of what readers open, is found in one query.
        for story_type in self.allowed_subpage_models():
            story = story_type.objects.child_of(self).live().filter(not_expired(), **lookup).first()
            if story is not None:
                story._cached_parent_obj = self  # as Page.route does: its get_parent() asks no query
                return story
        raise Http404

    def serve(self, request, *args, moved_to=None, **kwargs):
        if moved_to is not None:
            return HttpResponsePermanentRedirect(moved_to.get_url(request))
        return super().serve(request, *args, **kwargs)


class StoryPage(CachedViewRestrictions, Page):
    """Fields every story has. Not created directly: editors create an article or a brief."""

    date = models.DateField("发布日期", default=timezone.localdate, db_index=True)
    # Stored, not derived on the fly, so mixed lists and the search index filter by kind
    # without joining every subclass table. save() keeps it in step with the page type.
    kind = models.CharField("类型", max_length=10, choices=Kind.choices, editable=False)
    topics = ClusterTaggableManager("专题", through=StoryTopic, blank=True)
    edition = models.ForeignKey(
        "editions.Edition",
        verbose_name="刊登期次",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="stories",
    )
    print_page = models.CharField("版次", max_length=20, blank=True, help_text="例如：第2版")
    edition_order = models.PositiveIntegerField("期内顺序", null=True, blank=True, editable=False)
    source = models.CharField("来源", max_length=100, blank=True, help_text="例如：央视网（新闻联播）；本报稿件留空")

    objects = StoryManager()
    is_creatable = False
    parent_page_types = ["stories.StoryIndexPage"]
    subpage_types = []

    story_panels = [
        FieldRowPanel([FieldPanel("date"), FieldPanel("source")]),
        # Several people picked in one go from the person chooser, each then given a role; the
        # rows keep the order they are in, which is the print order.
        MultipleChooserPanel("bylines", chooser_field_name="person", label="署名", heading="署名（按见报顺序）"),
        FieldPanel("topics"),
        MultiFieldPanel(
            [FieldRowPanel([FieldPanel("edition"), FieldPanel("print_page")])],
            heading="见报信息",
        ),
    ]
    correction_panels = [InlinePanel("corrections", label="更正/更新", heading="更正与更新说明")]

    search_fields = Page.search_fields + [
        index.FilterField("kind"),
        index.FilterField("date"),
    ]
    # Stories are found through the search app's own indexes (search/indexing.py keeps them in
    # step, the admin's page search included); Wagtail's word index cannot split Chinese, so
    # updating it on every save would only cost time.
    search_auto_update = False

    @classmethod
    def get_indexed_objects(cls):
        # ...and Wagtail's update_index adds none to its own index: `manage.py
        # rebuild_search_index` rebuilds the search app's indexes.
        return cls.objects.none()

    class Meta:
        verbose_name = "稿件"
        verbose_name_plural = "稿件"
        indexes = [
            # The home page's lists are "the newest stories of a kind": read in date order
            # from this index instead of sorting every article of the archive.
            models.Index(fields=["kind", "-date"], name="story_kind_newest"),
        ]

    def save(self, *args, **kwargs):
        self.kind = self.story_kind()
        super().save(*args, **kwargs)

    def story_kind(self):
        return Kind.ARTICLE

    def get_url_parts(self, request=None):
        """The short address (see .addresses): what page.url, full_url and the admin give.

        What comes before the date (the site, its root URL, the section's path) is the same for
        every story of a section: while serving a request it is worked out for the first story
        of each section, not again for every card of a list.
        """
        if self.pk is None:
            return super().get_url_parts(request)  # a new page previewed before it has an id
        if request is None:
            parts = self.section_url_parts(None)
        else:
            section = addresses.parent_path(self.url_path)
            parts = pagecache.per_request(f"story-section-url:{section}", lambda: self.section_url_parts(request))
        if not parts or parts[2] is None:
            return parts  # not routable
        site_id, root_url, section_path = parts
        return site_id, root_url, addresses.story_path(section_path, self.date, self.pk)

    def section_url_parts(self, request):
        """Wagtail's URL parts of this story with its section's path in place of its own."""
        parts = super().get_url_parts(request)
        if not parts or parts[2] is None:
            return parts
        site_id, root_url, page_path = parts
        return site_id, root_url, addresses.parent_path(page_path)

    def url_date_parts(self):
        return (f"{self.date:%Y}", f"{self.date:%m}", f"{self.date:%d}")

    def body_paragraphs(self):
        """The story text as plain paragraphs, for search, snippets, feeds and the JSON API."""
        return []

    def plain_text(self):
        return "\n".join(self.body_paragraphs())

    def keyword_text(self):
        """The text whose words put a story under a topic (see Topic.keywords)."""
        return "\n".join([self.title, self.plain_text()])

    def ordered_bylines(self):
        # Fetched with the list or page (byline_people), else read now, or from a preview's
        # revision in memory.
        bylines = getattr(self, "prefetched_bylines", None)
        return [b for b in (self.bylines.all() if bylines is None else bylines) if b.person_id]

    def byline_groups(self):
        """Bylines as print shows them: consecutive people with the same role share one role word."""
        return [
            (role, [b.person for b in bylines])
            for role, bylines in groupby(self.ordered_bylines(), key=attrgetter("role"))
        ]

    def print_byline(self):
        """The byline as plain text, "记者 王明玥 通讯员 崔惠霞 冀市里", for feeds and the API."""
        return " ".join(f"{role} {' '.join(p.name for p in people)}" for role, people in self.byline_groups())

    def prefetch_details(self):
        """Fetch what a story page shows besides the story itself, a query per relation."""
        prefetch_related_objects([self], byline_people(), "topics", "corrections")

    def get_context(self, request, *args, **kwargs):
        # A preview's bylines and topics are the revision's, in memory: nothing to fetch.
        if not getattr(request, "is_preview", False):
            self.prefetch_details()
        context = super().get_context(request, *args, **kwargs)
        if self.pk is not None:  # a new story previewed before it is saved has nothing around it yet
            from .story_context import story_context  # it imports this module

            context.update(story_context(self, request))
        return context

    def serve(self, request, *args, **kwargs):
        # A story past its expiry is gone for readers even before publish_scheduled unpublishes it.
        if self.expire_at and self.expire_at <= timezone.now():
            raise Http404
        return super().serve(request, *args, **kwargs)


class ArticlePage(StoryPage):
    """A news story (新闻). Flagged as a notice (通知公告), it is an announcement readers look up."""

    subtitle = models.CharField("副题", max_length=200, blank=True)
    column = models.CharField("栏目", max_length=100, blank=True, help_text="例如：深入实施“十大战略”")
    featured = models.BooleanField("头条", default=False, help_text="在首页头条位置显示。")
    lead_image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name="题图",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    lead_image_caption = models.CharField("题图说明", max_length=250, blank=True)
    lead_image_credit = models.CharField("题图摄影/来源", max_length=100, blank=True)
    body = StreamField(StoryBodyBlock(), verbose_name="正文", blank=True)

    is_notice = models.BooleanField("通知公告", default=False)
    effective_date = models.DateField("生效日期", null=True, blank=True)
    issuing_body = models.CharField("发布单位", max_length=100, blank=True)

    objects = StoryManager()
    parent_page_types = ["stories.StoryIndexPage"]

    content_panels = [
        FieldPanel("column"),
        # TitleFieldPanel, not FieldPanel: it fills in the slug from the title as the editor types.
        TitleFieldPanel("title", heading="标题"),
        FieldPanel("subtitle"),
        *StoryPage.story_panels,
        MultiFieldPanel(
            [
                FieldPanel("lead_image"),
                FieldRowPanel([FieldPanel("lead_image_caption"), FieldPanel("lead_image_credit")]),
            ],
            heading="题图",
        ),
        FieldPanel("body"),
        MultiFieldPanel(
            [FieldPanel("is_notice"), FieldRowPanel([FieldPanel("effective_date"), FieldPanel("issuing_body")])],
            heading="通知公告",
        ),
        FieldPanel("featured"),
        *StoryPage.correction_panels,
    ]

    search_fields = StoryPage.search_fields + [
        index.SearchField("subtitle"),
        index.SearchField("body"),
    ]

    class Meta:
        verbose_name = "新闻"
        verbose_name_plural = "新闻"
        indexes = [
            # Few articles are 头条 at a time; this finds them without reading the archive.
            models.Index(fields=["featured"], condition=models.Q(featured=True), name="article_featured"),
        ]

    def story_kind(self):
        return Kind.NOTICE if self.is_notice else Kind.ARTICLE

    def keyword_text(self):
        # As the edition importer reads a story (edition_parser.Story.searchable_text).
        return "\n".join([self.column, self.title, self.subtitle, self.plain_text()])

    def body_paragraphs(self):
        paragraphs = []
        for block in self.body:
            if block.block_type == "paragraph":
                paragraphs.append(html.unescape(strip_tags(block.value.source)))
            elif block.block_type == "subheading":
                paragraphs.append(block.value)
            elif block.block_type == "quote":
                paragraphs.append(block.value["text"])
            elif block.block_type == "image" and block.value.get("caption"):
                paragraphs.append(block.value["caption"])
        return [p.strip() for p in paragraphs if p and p.strip()]


class BriefPage(StoryPage):
    """A brief (简讯): a paragraph or two, often with no headline in print."""

    body = models.TextField("正文")

    objects = StoryManager()
    parent_page_types = ["stories.StoryIndexPage"]

    content_panels = [
        TitleFieldPanel("title", heading="标题", help_text="见报简讯没有标题；导入时从正文生成，可修改。"),
        FieldPanel("body"),
        *StoryPage.story_panels,
        *StoryPage.correction_panels,
    ]

    search_fields = StoryPage.search_fields + [index.SearchField("body")]

    class Meta:
        verbose_name = "简讯"
        verbose_name_plural = "简讯"

    def story_kind(self):
        return Kind.BRIEF

    def body_paragraphs(self):
        return [p.strip() for p in self.body.splitlines() if p.strip()]


class Byline(Orderable):
    """One name in a story's byline: a person and what they did, in print order."""

    story = ParentalKey(StoryPage, related_name="bylines", on_delete=models.CASCADE)
    person = models.ForeignKey("people.Person", verbose_name="人员", related_name="bylines", on_delete=models.PROTECT)
    role = models.CharField("角色", max_length=10, choices=Role.choices, default=Role.REPORTER)

    panels = [FieldPanel("person"), FieldPanel("role")]

    class Meta(Orderable.Meta):
        verbose_name = "署名"
        verbose_name_plural = "署名"

    def __str__(self):
        return f"{self.role} {self.person.name}"


class Correction(Orderable):
    """A dated correction (更正) or update (更新) shown on the story and in its feed entry."""

    class Type(models.TextChoices):
        CORRECTION = "更正", "更正"
        UPDATE = "更新", "更新"

    story = ParentalKey(StoryPage, related_name="corrections", on_delete=models.CASCADE)
    date = models.DateField("日期", default=timezone.localdate)
    type = models.CharField("类型", max_length=4, choices=Type.choices, default=Type.CORRECTION)
    text = models.TextField("说明")

    panels = [FieldRowPanel([FieldPanel("date"), FieldPanel("type")]), FieldPanel("text")]

    class Meta(Orderable.Meta):
        verbose_name = "更正/更新"
        verbose_name_plural = "更正/更新"

    def __str__(self):
        return f"{self.type}：{self.text}"
