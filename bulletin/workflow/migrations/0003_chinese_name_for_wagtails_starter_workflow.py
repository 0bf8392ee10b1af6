"""Wagtail's starter workflow and its task, switched off by 0001, named in Chinese.

They stay in the database (history may point at them), and the admin still lists them in the
workflow reports' filters, where their English name was the only English on those screens.
"""

from django.db import migrations

ENGLISH = "Moderators approval"
CHINESE = "初始审核流程（已停用）"


def rename(apps, old, new):
    apps.get_model("wagtailcore.Workflow").objects.filter(name=old).update(name=new)
    apps.get_model("wagtailcore.Task").objects.filter(name=old).update(name=new)


class Migration(migrations.Migration):
    dependencies = [("workflow", "0002_chief_editor_search_words"), ("wagtailcore", "0001_initial")]

    operations = [
        migrations.RunPython(
            lambda apps, schema_editor: rename(apps, ENGLISH, CHINESE),
            lambda apps, schema_editor: rename(apps, CHINESE, ENGLISH),
        )
    ]
