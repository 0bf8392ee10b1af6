from django.db import migrations

# Wagtail's own migration names the page tree's root "Root"; 总编 see it in the explorer.
ROOT_NAMES = ("Root", "全部站点")


def rename_root(apps, schema_editor, names=ROOT_NAMES):
    old, new = names
    apps.get_model("wagtailcore.Page").objects.filter(depth=1, title=old).update(title=new, draft_title=new)


def restore_root(apps, schema_editor):
    rename_root(apps, schema_editor, tuple(reversed(ROOT_NAMES)))


class Migration(migrations.Migration):
    dependencies = [("home", "0002_create_homepage")]

    operations = [migrations.RunPython(rename_root, restore_root)]
