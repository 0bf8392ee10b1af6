from django.db import models
from django.urls import reverse
from wagtail.admin.panels import FieldPanel
from wagtail.search import index

from bulletin.slugs import unique_slug
from bulletin.stories.visibility import public_story_count


class Role(models.TextChoices):
    """What a person did for a story, in the order print bylines name them."""

    REPORTER = "记者", "记者"
    CORRESPONDENT = "通讯员", "通讯员"
    PHOTOGRAPHER = "摄影", "摄影"
    INTERN = "实习生", "实习生"


class PersonQuerySet(models.QuerySet):
    def with_public_stories(self):
        """People credited on a public story, each with its ``story_count``, by name."""
        return (
            self.annotate(story_count=public_story_count("bylines__person"))
            .filter(story_count__gt=0)
            .order_by("name", "pk")
        )


class Person(index.Indexed, models.Model):
    """A reporter, correspondent, photographer or intern: one record across all editions."""

    name = models.CharField("姓名", max_length=50)
    slug = models.SlugField("网址标识", max_length=80, unique=True, allow_unicode=True, blank=True)
    unit = models.CharField("单位", max_length=100, blank=True, help_text="例如：区残联、区城管局")
    photo = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name="照片",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    bio = models.TextField("简介", blank=True)

    objects = PersonQuerySet.as_manager()

    panels = [FieldPanel("name"), FieldPanel("unit"), FieldPanel("slug"), FieldPanel("photo"), FieldPanel("bio")]
    search_fields = [index.SearchField("name"), index.AutocompleteField("name"), index.SearchField("unit")]

    class Meta:
        verbose_name = "人员"
        verbose_name_plural = "人员"
        ordering = ["name"]
        constraints = [models.UniqueConstraint(fields=["name", "unit"], name="person_name_unit_unique")]
        # Granted to 编辑 and 总编 by migration 0002; bulletin.contributions checks it.
        permissions = [("view_contribution_report", "可查看稿件统计")]

    def __str__(self):
        return f"{self.name}（{self.unit}）" if self.unit else self.name

    def save(self, *args, **kwargs):
        if not self.slug:
            others = Person.objects.exclude(pk=self.pk)
            self.slug = unique_slug(self.name, lambda s: others.filter(slug=s).exists(), fallback="person")
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("people:detail", args=[self.slug])
