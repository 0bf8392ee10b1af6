from django.db import models
from django.urls import reverse
from wagtail.admin.panels import FieldPanel

from bulletin.stories.visibility import has_public_story, one_public_story, public_story_count


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
        """The newest edition with a public story: editions read newest first (edition_newest),
        each probed for a public story until one has one (see one_public_story). The home page
        and the 数字报 ask on every render; the cost does not grow with the archive, and the plan
        does not depend on the table's statistics (a few editions are never ANALYZEd)."""
        with_one = self.alias(public_story=one_public_story("edition")).filter(public_story__isnull=False)
        return with_one.order_by("-date", "-number").first()


class Edition(models.Model):
    """One printed issue (期) of the paper; stories point at the edition they ran in."""

    number = models.PositiveIntegerField("期号", unique=True)
    date = models.DateField("出版日期")
    title = models.CharField("标题", max_length=100, blank=True, help_text="留空则显示为“第N期”。")

    objects = EditionQuerySet.as_manager()

    panels = [FieldPanel("number"), FieldPanel("date"), FieldPanel("title")]

    class Meta:
        verbose_name = "报纸期次"
        verbose_name_plural = "报纸期次"
        ordering = ["-date", "-number"]
        indexes = [
            # Editions in their order, newest first: the latest one with a public story is found
            # by reading this index until one has (EditionQuerySet.latest_with_public_story).
            # It serves lookups by date as well.
            models.Index(fields=["-date", "-number"], name="edition_newest"),
        ]

    def __str__(self):
        return self.label(self.number, self.title, self.date)

    def get_absolute_url(self):
        return reverse("editions:detail", args=[self.number])

    @staticmethod
    def label(number, title, date):
        """What readers see an edition called, from its columns (search facets read only those)."""
        return title or f"第{number}期（{date:%Y年%-m月%-d日}）"
