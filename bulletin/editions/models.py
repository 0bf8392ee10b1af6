from django.db import models
from django.urls import reverse
from wagtail.admin.panels import FieldPanel


class Edition(models.Model):
    """One printed issue (期) of the paper; stories point at the edition they ran in."""

    number = models.PositiveIntegerField("期号", unique=True)
    date = models.DateField("出版日期", db_index=True)
    title = models.CharField("标题", max_length=100, blank=True, help_text="留空则显示为“第N期”。")

    panels = [FieldPanel("number"), FieldPanel("date"), FieldPanel("title")]

    class Meta:
        verbose_name = "报纸期次"
        verbose_name_plural = "报纸期次"
        ordering = ["-date", "-number"]

    def __str__(self):
        return self.title or f"第{self.number}期（{self.date:%Y年%-m月%-d日}）"

    def get_absolute_url(self):
        return reverse("editions:detail", args=[self.number])
