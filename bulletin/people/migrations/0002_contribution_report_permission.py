"""Who may see the contribution statistics (稿件统计): editors and the chief editor.

Correspondents are paid per story from these numbers, so reporters do not see each other's.
Group names are written out, as in workflow's migrations, so this keeps doing what it did.
"""

from django.db import migrations

REPORT_READERS = ["编辑", "总编"]
CODENAME = "view_contribution_report"


def report_permission(apps):
    ContentType = apps.get_model("contenttypes.ContentType")
    Permission = apps.get_model("auth.Permission")
    # Created here on a fresh database: Django adds model permissions only after migrating.
    content_type, __ = ContentType.objects.get_or_create(app_label="people", model="person")
    permission, __ = Permission.objects.get_or_create(
        content_type=content_type, codename=CODENAME, defaults={"name": "可查看稿件统计"}
    )
    return permission


def grant(apps, schema_editor):
    Group = apps.get_model("auth.Group")
    permission = report_permission(apps)
    for group in Group.objects.filter(name__in=REPORT_READERS):
        group.permissions.add(permission)


def revoke(apps, schema_editor):
    Group = apps.get_model("auth.Group")
    permission = report_permission(apps)
    for group in Group.objects.filter(name__in=REPORT_READERS):
        group.permissions.remove(permission)


class Migration(migrations.Migration):
    dependencies = [
        ("people", "0001_initial"),
        ("workflow", "0001_newsroom_roles"),  # creates the groups
    ]

    operations = [
        migrations.AlterModelOptions(
            name="person",
            options={
                "ordering": ["name"],
                "permissions": [(CODENAME, "可查看稿件统计")],
                "verbose_name": "人员",
                "verbose_name_plural": "人员",
            },
        ),
        migrations.RunPython(grant, revoke),
    ]
