"""The topic and person facets' values on the search documents, filled from the documents' text
rows (which list each story's topics and bylines as indexed), so no rebuild is needed."""

from django.db import migrations, models

BATCH_SIZE = 2000


def fill(apps, schema_editor):
    SearchDocument = apps.get_model("search", "SearchDocument")
    SearchDocumentText = apps.get_model("search", "SearchDocumentText")
    rows = SearchDocumentText.objects.order_by("pk").values_list("pk", "topics", "bylines")
    batch = []
    for pk, topics, bylines in rows.iterator(chunk_size=BATCH_SIZE):
        batch.append(
            SearchDocument(
                pk=pk,
                topics=list(dict.fromkeys(t["slug"] for t in topics)),
                people=list(dict.fromkeys(f"{b['slug']}:{b['role']}" for b in bylines)),
            )
        )
        if len(batch) == BATCH_SIZE:
            SearchDocument.objects.bulk_update(batch, ["topics", "people"])
            batch = []
    SearchDocument.objects.bulk_update(batch, ["topics", "people"])


class Migration(migrations.Migration):
    dependencies = [
        ("search", "0005_pg_rank_table"),
    ]

    operations = [
        migrations.AddField(
            model_name="searchdocument",
            name="topics",
            field=models.JSONField(default=list, verbose_name="专题"),
        ),
        migrations.AddField(
            model_name="searchdocument",
            name="people",
            field=models.JSONField(default=list, verbose_name="人员"),
        ),
        migrations.RunPython(fill, migrations.RunPython.noop),
    ]
