"""The 数字报: an edition's printed pages (版面) and where each story sits on them.

A page is one page of the layout system's PDF export; its image, thumbnail and one-page PDF are
files the reader's viewer shows. A story's regions are rectangles on the page in fractions of
its width and height (0-1, origin top left), so they stay right at any rendering size.
"""

from django.db import models


def page_label(number):
    """How a printed page is named, to readers and in a story's 版次: "第2版"."""
    return f"第{number}版"


def page_file_path(page, filename):
    # One folder per edition and page: re-importing the pages replaces them in place.
    return f"epaper/{page.edition.number}/{page.number}/{filename}"


class PrintedPage(models.Model):
    """One 版 of a printed edition."""

    edition = models.ForeignKey(
        "editions.Edition", on_delete=models.CASCADE, related_name="printed_pages", verbose_name="期次"
    )
    number = models.PositiveSmallIntegerField("版次")
    # The page's size in PDF points, as the layout system set it.
    width = models.FloatField("宽（点）")
    height = models.FloatField("高（点）")
    image = models.FileField("版面图", upload_to=page_file_path, max_length=255)
    thumbnail = models.FileField("缩略图", upload_to=page_file_path, max_length=255)
    pdf = models.FileField("版面 PDF", upload_to=page_file_path, max_length=255)
    # A scanned page has no text to find stories by: its regions are drawn by hand.
    has_text_layer = models.BooleanField("有文字层", default=True)

    class Meta:
        verbose_name = "版面"
        verbose_name_plural = "版面"
        ordering = ["edition", "number"]
        constraints = [models.UniqueConstraint(fields=["edition", "number"], name="epaper_one_page_per_number")]

    def __str__(self):
        return f"{self.edition} {self.label}"

    @property
    def label(self):
        return page_label(self.number)


class StoryRegion(models.Model):
    """A rectangle of a page where (part of) a story was printed; a story spanning columns has several."""

    page = models.ForeignKey(PrintedPage, on_delete=models.CASCADE, related_name="regions", verbose_name="版面")
    story = models.ForeignKey(
        "stories.StoryPage", on_delete=models.CASCADE, related_name="print_regions", verbose_name="稿件"
    )
    x0 = models.FloatField()
    y0 = models.FloatField()
    x1 = models.FloatField()
    y1 = models.FloatField()
    # Drawn, moved or resized by an editor: a re-import of the pages keeps it (unless told to reset).
    adjusted = models.BooleanField("编辑调整过", default=False)

    class Meta:
        verbose_name = "稿件区域"
        verbose_name_plural = "稿件区域"
        ordering = ["page", "story", "y0", "x0"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(x0__gte=0, y0__gte=0, x1__lte=1, y1__lte=1)
                & models.Q(x0__lt=models.F("x1"), y0__lt=models.F("y1")),
                name="epaper_region_inside_page",
            )
        ]

    def __str__(self):
        return f"{self.page}：{self.story.title}"

    @property
    def box(self):
        return [self.x0, self.y0, self.x1, self.y1]
