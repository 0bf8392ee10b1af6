from django.db import models
from django.urls import reverse
from wagtail.admin.panels import FieldPanel

from bulletin.stories.visibility import has_public_story, public_story_count


class EditionQuerySet(models.QuerySet):
    def with_public_stories(self):
        """Editions with a public story, each with its ``story_count``, newest first."""
        return (
            self.annotate(story_count=public_story_count("edition"))
            .filter(story_count__gt=0)
            .order_by("-date", "-number")
        )

    def having_public_story(self):
        """Editions with a public story, found without counting any edition's stories."""
        return self.filter(has_public_story("edition"))

    def latest_with_public_story(self):
        """The newest edition with a public story."""
        return self.having_public_story().order_by("-date", "-number").first()


class Edition(models.Model):
    """One printed issue (期) of the paper; stories point at the edition they ran in."""

    number = models.PositiveIntegerField("期号", unique=True)
    date = models.DateField("出版日期", db_index=True)
    title = models.CharField("标题", max_length=100, blank=True, help_text="留空则显示为“第N期”。")

    objects = EditionQuerySet.as_manager()

    panels = [FieldPanel("number"), FieldPanel("date"), FieldPanel("title")]

    class Meta:
        verbose_name = "报纸期次"
        verbose_name_plural = "报纸期次"
        ordering = ["-date", "-number"]

    def __str__(self):
        return self.label(self.number, self.title, self.date)

    def get_absolute_url(self):
        return reverse("editions:detail", args=[self.number])

    @staticmethod
    def label(number, title, date):
        """What readers see an edition called, from its columns (search facets read only those)."""
        return title or f"第{number}期（{date:%Y年%-m月%-d日}）"
