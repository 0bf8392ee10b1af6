from django.db import models
from wagtail.admin.panels import FieldPanel

from bulletin.stories.models import Kind


class ImportedStory(models.Model):
    """The story one item of an import file became.

    Importing the same file again finds every item here and adds nothing. The key names where
    the item came from (an edition and its print position, or an archive item's content), the
    fingerprint what it said, so that a re-import can tell a corrected source from a repeat.
    Deleting the story deletes its record, so a later import brings the story back.
    """

    source_key = models.CharField(max_length=100, unique=True)
    story = models.OneToOneField("stories.StoryPage", on_delete=models.CASCADE, related_name="import_record")
    fingerprint = models.CharField(max_length=64)
    imported_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "导入记录"
        verbose_name_plural = "导入记录"

    def __str__(self):
        return self.source_key


class CategoryKindRule(models.Model):
    """How the archive importer reads a line's category as a kind, when the line names none.

    The old system's categories are the newsroom's own words (国内联播快讯, 通知公告 …), so the
    rules are editors' to keep, as a snippet: a category containing the words is imported as
    that kind. When several rules match, the longest words win, being the most specific.
    """

    category_contains = models.CharField(
        "类别包含",
        max_length=100,
        unique=True,
        help_text="导入文件中“类别”(category) 含有这几个字的稿件按下面的类型导入，例如：快讯",
    )
    kind = models.CharField("导入为", max_length=10, choices=Kind.choices)

    panels = [FieldPanel("category_contains"), FieldPanel("kind")]

    class Meta:
        verbose_name = "类别导入规则"
        verbose_name_plural = "类别导入规则"
        ordering = ["category_contains"]

    def __str__(self):
        return f"{self.category_contains} → {self.get_kind_display()}"

    @classmethod
    def kinds(cls):
        """A function giving the kind for a category (None: no rule), the rules read once."""
        rules = sorted(cls.objects.values_list("category_contains", "kind"), key=lambda rule: -len(rule[0]))

        def kind_for(category):
            return next((kind for words, kind in rules if category and words in category), None)

        return kind_for
