"""Editors and the chief editor see what readers search for (搜索统计, and the dashboard's panel of
searches that found nothing); adding the synonym stays the chief editor's (0002)."""

from django.db import migrations

GROUPS = ["编辑", "总编"]


def permission(apps):
    ContentType = apps.get_model("contenttypes.ContentType")
    Permission = apps.get_model("auth.Permission")
    # Created here on a fresh database: Django adds model permissions only after migrating.
    content_type, __ = ContentType.objects.get_or_create(app_label="search", model="readersearch")
    permission, __ = Permission.objects.get_or_create(
        content_type=content_type, codename="view_readersearch", defaults={"name": "Can view 读者搜索"}
    )
    return permission


def grant(apps, schema_editor):
    for group in apps.get_model("auth.Group").objects.filter(name__in=GROUPS):
        group.permissions.add(permission(apps))


def revoke(apps, schema_editor):
    for group in apps.get_model("auth.Group").objects.filter(name__in=GROUPS):
        group.permissions.remove(permission(apps))


class Migration(migrations.Migration):
    dependencies = [
        ("workflow", "0003_chinese_name_for_wagtails_starter_workflow"),
        ("search", "0004_reader_searches"),
    ]
    operations = [migrations.RunPython(grant, revoke)]
