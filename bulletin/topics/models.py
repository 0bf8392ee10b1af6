import re

from django.db import models
from django.urls import reverse
from taggit.models import TagBase
from wagtail.admin.panels import FieldPanel
from wagtail.search import index

from bulletin.stories.visibility import public_story_count


class TopicQuerySet(models.QuerySet):
    def with_public_stories(self):
        """Topics with a public story, each with its ``story_count``, in the newsroom's order."""
        return (
            self.annotate(story_count=public_story_count("topics"))
            .filter(story_count__gt=0)
            .order_by("sort_order", "name")
        )


class Topic(index.Indexed, TagBase):
    """A subject readers follow (助残, 城管 …), applied to stories as a taggit tag.

    taggit's TagBase keeps Chinese characters in the slug (allow_unicode), stores it once and
    never re-derives it, so /topics/助残/ stays valid when a topic is renamed.
    Print text carries no tags, so each topic keeps the keywords editors maintain; the
    importers (and ``retag_topics``) tag a story with every topic whose name or keywords its
    text contains as whole words.
    """

    # Editors pick from the newsroom's list instead of inventing tags in the story editor.
    free_tagging = False

    objects = TopicQuerySet.as_manager()

    keywords = models.TextField(
        "关键词",
        blank=True,
        help_text=(
            "标题或正文包含任一关键词（按整词计算：“帮助残疾人”不算“助残”）的导入稿件会自动归入本专题；"
            "用逗号、顿号或换行分隔。修改后请管理员运行“重新归类”命令，已有稿件才会按新关键词归类。"
        ),
    )
    description = models.TextField("说明", blank=True)
    sort_order = models.PositiveIntegerField("排序", default=100)

    panels = [
        FieldPanel("name"),
        FieldPanel("slug"),
        FieldPanel("keywords"),
        FieldPanel("description"),
        FieldPanel("sort_order"),
    ]
    search_fields = [index.SearchField("name"), index.AutocompleteField("name")]

    class Meta:
        verbose_name = "专题"
        verbose_name_plural = "专题"
        ordering = ["sort_order", "name"]

    def keyword_list(self):
        """The topic's name and keywords, the words that put a story under it."""
        words = [self.name, *re.split(r"[,，、;；\s]+", self.keywords)]
        return [w for w in dict.fromkeys(w.strip() for w in words) if w]

    def matches(self, words):
        """Whether a story's text, as a search.text.WholeWords, holds a keyword as a whole word."""
        return any(word in words for word in self.keyword_list())

    def get_absolute_url(self):
        return reverse("topics:detail", args=[self.slug])
