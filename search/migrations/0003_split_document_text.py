"""Keep the reader documents' text apart from the columns queries filter and count by."""

import django.db.models.deletion
from django.db import migrations, models

TEXT_FIELDS = ["title", "subtitle", "body", "meta", "topics", "bylines"]


def copy_text(apps, schema_editor):
    SearchDocument = apps.get_model("search", "SearchDocument")
    SearchDocumentText = apps.get_model("search", "SearchDocumentText")
    rows = SearchDocument.objects.values("pk", *TEXT_FIELDS).iterator(chunk_size=1000)
    SearchDocumentText.objects.bulk_create(
        (SearchDocumentText(document_id=row.pop("pk"), **row) for row in rows), batch_size=1000
    )


class Migration(migrations.Migration):
    dependencies = [
        ("search", "0002_fulltext_tables"),
    ]

    operations = [
        migrations.CreateModel(
            name="SearchDocumentText",
            fields=[
                (
                    "document",
                    models.OneToOneField(
                        on_delete=django.db.models.deletion.CASCADE,
                        primary_key=True,
                        related_name="text",
                        serialize=False,
                        to="search.searchdocument",
                    ),
                ),
                ("title", models.CharField(max_length=255)),
                ("subtitle", models.CharField(blank=True, max_length=255)),
                ("body", models.TextField(blank=True)),
                ("meta", models.TextField(blank=True)),
                ("topics", models.JSONField(default=list)),
                ("bylines", models.JSONField(default=list)),
            ],
            options={
                "verbose_name": "搜索文档正文",
                "verbose_name_plural": "搜索文档正文",
            },
        ),
        migrations.RunPython(copy_text, migrations.RunPython.noop),
        migrations.RemoveField(
            model_name="searchdocument",
            name="body",
        ),
        migrations.RemoveField(
            model_name="searchdocument",
            name="bylines",
        ),
        migrations.RemoveField(
            model_name="searchdocument",
            name="meta",
        ),
        migrations.RemoveField(
            model_name="searchdocument",
            name="subtitle",
        ),
        migrations.RemoveField(
            model_name="searchdocument",
            name="title",
        ),
        migrations.RemoveField(
            model_name="searchdocument",
            name="topics",
        ),
    ]
