"""How often each story was read, per day: the counts behind 热门 (most read).

A row per story per day, never per reader: no address, cookie or other trace of who read is
stored. Kept in the database because every app server counts into the same rows.
"""

from django.db import IntegrityError, models, transaction
from django.db.models import F


class DailyReads(models.Model):
    story = models.ForeignKey("stories.StoryPage", verbose_name="稿件", on_delete=models.CASCADE, related_name="+")
    day = models.DateField("日期")
    count = models.PositiveIntegerField("阅读次数", default=0)

    class Meta:
        verbose_name = "每日阅读量"
        verbose_name_plural = "每日阅读量"
        constraints = [models.UniqueConstraint(fields=["story", "day"], name="daily_reads_once_per_day")]
        # 热门 sums the last days' rows: read by day, not through the whole table.
        indexes = [models.Index(fields=["day"], name="daily_reads_day")]

    @classmethod
    def add_one(cls, story_id, day):
        """Count one read, safely when workers count the same story at the same moment."""
        if cls.objects.filter(story_id=story_id, day=day).update(count=F("count") + 1):
            return
        try:
            with transaction.atomic():
                cls.objects.create(story_id=story_id, day=day, count=1)
        except IntegrityError:  # another worker created the day's row first
            cls.objects.filter(story_id=story_id, day=day).update(count=F("count") + 1)
