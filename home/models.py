from django.db import models
from wagtail.admin.panels import FieldPanel
from wagtail.models import Page


class HomePage(Page):
    """The front page: lead stories, the latest news, the 简讯 column, notices, topics."""

    tagline = models.CharField("口号", max_length=120, blank=True)

    content_panels = Page.content_panels + [FieldPanel("tagline")]
    subpage_types = ["stories.StoryIndexPage"]
    max_count = 1

    class Meta:
        verbose_name = "首页"
        verbose_name_plural = "首页"
