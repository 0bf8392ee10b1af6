from django.db import models


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
