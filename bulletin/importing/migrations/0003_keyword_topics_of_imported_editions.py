from django.db import migrations

# Before topics had a provenance, the edition importer tagged stories by keywords only (an
# edition's text names no topics). Those tags, on stories nobody has saved in the admin since,
# are the keywords': retag_topics may take them away. Everything else stays the editors'
# (the default): an archive line may have named its topics, and an editor's save keeps them.


def mark_keyword_topics(apps, schema_editor):
    StoryTopic = apps.get_model("stories.StoryTopic")
    Revision = apps.get_model("wagtailcore.Revision")
    ContentType = apps.get_model("contenttypes.ContentType")
    page_type = ContentType.objects.filter(app_label="wagtailcore", model="page").first()
    saved_by_someone = set(
        Revision.objects.filter(base_content_type=page_type, user__isnull=False).values_list("object_id", flat=True)
    )
    imported = StoryTopic.objects.filter(content_object__import_record__source_key__startswith="edition/")
    keyword = [
        pk for pk, story_id in imported.values_list("pk", "content_object_id") if str(story_id) not in saved_by_someone
    ]
    StoryTopic.objects.filter(pk__in=keyword).update(added_by="keyword")


class Migration(migrations.Migration):
    dependencies = [
        ("importing", "0002_category_kind_rules"),
        ("stories", "0005_storytopic_added_by"),
        ("wagtailcore", "0098_apitoken"),
    ]
    operations = [migrations.RunPython(mark_keyword_topics, migrations.RunPython.noop)]
