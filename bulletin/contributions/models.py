from django.db import models


class StoryCharacters(models.Model):
    """A story's 字数 as last published, kept so that a report reads numbers, not bodies.

    Written by counting.story_characters() the first time a report meets the story, and again
    when the story has been published since (``published_at`` no longer matches): reading and
    parsing a year of bodies takes seconds, a year of these rows milliseconds.
    """

    story = models.OneToOneField("stories.StoryPage", primary_key=True, on_delete=models.CASCADE, related_name="+")
    published_at = models.DateTimeField()  # the story's last_published_at when it was counted
    characters = models.PositiveIntegerField()

    class Meta:
        verbose_name = "稿件字数"
        verbose_name_plural = "稿件字数"
