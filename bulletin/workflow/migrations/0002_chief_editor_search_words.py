"""The chief editor also keeps the search words: synonyms (同义词) and the local dictionary (本地词典)."""

from django.db import migrations

CHIEF_EDITORS = "总编"
SEARCH_WORDS = [("search", "synonym"), ("search", "localname")]
ACTIONS = ("add", "change", "delete", "view")


def permissions(apps):
    ContentType = apps.get_model("contenttypes.ContentType")
    Permission = apps.get_model("auth.Permission")
    for app_label, model in SEARCH_WORDS:
        # Created here on a fresh database: Django adds model permissions only after migrating.
        content_type, __ = ContentType.objects.get_or_create(app_label=app_label, model=model)
        verbose_name = apps.get_model(app_label, model)._meta.verbose_name_raw
        for action in ACTIONS:
            permission, __ = Permission.objects.get_or_create(
                content_type=content_type,
                codename=f"{action}_{model}",
                defaults={"name": f"Can {action} {verbose_name}"},
            )
            yield permission


def grant(apps, schema_editor):
    Group = apps.get_model("auth.Group")
    Group.objects.get(name=CHIEF_EDITORS).permissions.add(*permissions(apps))


def revoke(apps, schema_editor):
    Group = apps.get_model("auth.Group")
    Group.objects.get(name=CHIEF_EDITORS).permissions.remove(*permissions(apps))


class Migration(migrations.Migration):
    dependencies = [
        ("workflow", "0001_newsroom_roles"),
        ("search", "0001_initial"),
    ]
    operations = [migrations.RunPython(grant, revoke)]
