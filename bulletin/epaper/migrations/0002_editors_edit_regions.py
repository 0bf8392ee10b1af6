"""Editors and the chief editor may edit the story regions of printed pages (the region editor).

Names are written out here rather than imported, so that this migration keeps doing what it did
when bulletin/workflow/roles.py changes.
"""

from django.db import migrations

GROUPS = ["编辑", "总编"]
PERMISSIONS = [
    ("storyregion", "view"),
    ("storyregion", "add"),
    ("storyregion", "change"),
    ("storyregion", "delete"),
    ("printedpage", "view"),
]


def permissions(apps):
    ContentType = apps.get_model("contenttypes.ContentType")
    Permission = apps.get_model("auth.Permission")
    # Django creates model permissions after the whole migrate run: on a fresh database the
    # rows for these models do not exist yet.
    for model, action in PERMISSIONS:
        content_type, __ = ContentType.objects.get_or_create(app_label="epaper", model=model)
        verbose_name = apps.get_model("epaper", model)._meta.verbose_name_raw
        permission, __ = Permission.objects.get_or_create(
            content_type=content_type,
            codename=f"{action}_{model}",
            defaults={"name": f"Can {action} {verbose_name}"},
        )
        yield permission


def grant(apps, schema_editor):
    Group = apps.get_model("auth.Group")
    granted = list(permissions(apps))
    for group in Group.objects.filter(name__in=GROUPS):
        group.permissions.add(*granted)


def revoke(apps, schema_editor):
    Group = apps.get_model("auth.Group")
    granted = list(permissions(apps))
    for group in Group.objects.filter(name__in=GROUPS):
        group.permissions.remove(*granted)


class Migration(migrations.Migration):
    dependencies = [
        ("epaper", "0001_initial"),
        ("workflow", "0001_newsroom_roles"),
    ]
    operations = [migrations.RunPython(grant, revoke)]
