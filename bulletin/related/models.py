"""Related stories, worked out when a story is published or imported and stored here, so that a
story page reads its list with one query instead of ranking the archive per request."""

from django.db import models


class StoryWord(models.Model):
    """A word of a story's headline and opening (jieba, with the local dictionary): what stories
    that share words are found by."""

    story = models.ForeignKey("stories.StoryPage", on_delete=models.CASCADE, related_name="+")
    word = models.CharField("词", max_length=50, db_index=True)

    # No unique constraint on (story, word): a story's words are written as a set, and a second
    # index would slow the archive import's hundreds of thousands of rows.

    class Meta:
        verbose_name = "稿件关键词"
        verbose_name_plural = "稿件关键词"


class RelatedStory(models.Model):
    """``related`` is the ``rank``-th (from 0) story related to ``story``."""

    story = models.ForeignKey("stories.StoryPage", on_delete=models.CASCADE, related_name="related_links")
    related = models.ForeignKey("stories.StoryPage", on_delete=models.CASCADE, related_name="related_from")
    rank = models.PositiveSmallIntegerField("顺序")
    # Why it ranks there (see ranking.py): kept so that a story published later can be put into
    # this list without ranking the story again.
    shared_topics = models.PositiveSmallIntegerField("相同专题数", default=0)
    shared_words = models.PositiveSmallIntegerField("相同词数", default=0)

    class Meta:
        verbose_name = "相关稿件"
        verbose_name_plural = "相关稿件"
        ordering = ["story", "rank"]
        constraints = [models.UniqueConstraint(fields=["story", "rank"], name="related_rank_once")]
