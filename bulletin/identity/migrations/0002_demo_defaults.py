from django.db import migrations

# The paper's beats, topics of bulletin/topics/migrations/0002_starting_topics.py, beside the kinds.
NAV_TOPICS = ["党建", "民生", "政务服务", "城管"]


def let_chief_editors_edit(apps, schema_editor):
    """The 总编 group (bulletin/workflow/roles.py) edits the site's identity: its filing numbers
    are the paper's legal details, not a desk's daily choice."""
    Group = apps.get_model("auth.Group")
    ContentType = apps.get_model("contenttypes.ContentType")
    Permission = apps.get_model("auth.Permission")
    # Django creates model permissions after the whole migrate run: made here if need be.
    content_type, __ = ContentType.objects.get_or_create(app_label="identity", model="siteidentity")
    permission, __ = Permission.objects.get_or_create(
        content_type=content_type, codename="change_siteidentity", defaults={"name": "Can change 网站信息"}
    )
    for group in Group.objects.filter(name="总编"):
        group.permissions.add(permission)


def create_defaults(apps, schema_editor):
    SiteIdentity = apps.get_model("identity.SiteIdentity")
    NavigationItem = apps.get_model("identity.NavigationItem")
    Topic = apps.get_model("topics.Topic")
    if SiteIdentity.objects.exists():
        return
    identity = SiteIdentity.objects.create(
        site_name="上街新闻",
        tagline="上街区的新闻、简讯与通知公告",
        host="上街区融媒体中心",
        # The national reporting centre's (www.12377.cn): true for every site until the paper
        # enters its own. Filing numbers are issued to the operator and left blank.
        report_phone="12377",
        report_email="jubao@12377.cn",
    )
    topics = {topic.name: topic for topic in Topic.objects.filter(name__in=NAV_TOPICS)}
    for order, name in enumerate(name for name in NAV_TOPICS if name in topics):
        NavigationItem.objects.create(identity=identity, label=name, topic=topics[name], sort_order=order)


class Migration(migrations.Migration):
    dependencies = [
        ("identity", "0001_site_identity"),
        ("topics", "0002_starting_topics"),
        ("workflow", "0001_newsroom_roles"),
    ]
    operations = [
        migrations.RunPython(create_defaults, migrations.RunPython.noop),
        migrations.RunPython(let_chief_editors_edit, migrations.RunPython.noop),
    ]
