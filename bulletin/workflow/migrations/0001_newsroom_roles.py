"""The newsroom's roles as groups, and the review workflow every page goes through.

- 记者/通讯员 (reporters and correspondents) may add stories and edit the ones they own, and
  submit them for review; they cannot publish, unpublish, or touch people, topics or editions.
- 编辑 (editors) may edit any story, approve or reject it in review, and publish it.
- 总编 (the chief editor) may do all of that anywhere in the site, and manage people, topics,
  editions, redirects, collections and workflows. User accounts stay with administrators:
  Wagtail lets whoever may edit users make them administrators.

Wagtail's English starter groups (Moderators, Editors) and its "Moderators approval" workflow are
replaced: the groups are removed while nobody is in them, the workflow is switched off.

Names are written out here rather than imported, so that this migration keeps doing what it did
when bulletin/workflow/roles.py changes.
"""

from django.db import migrations

REPORTERS = "记者/通讯员"
EDITORS = "编辑"
CHIEF_EDITORS = "总编"
REVIEW_WORKFLOW = "稿件审核"
REVIEW_TASK = "编辑审核"

WAGTAIL_STARTER_GROUPS = ["Moderators", "Editors"]
WAGTAIL_STARTER_WORKFLOW = "Moderators approval"

IMAGE_PERMISSIONS = ["add_image", "change_image", "delete_image", "choose_image"]
DOCUMENT_PERMISSIONS = ["add_document", "change_document", "delete_document", "choose_document"]
NEWSROOM_RECORDS = [("people", "person"), ("topics", "topic"), ("editions", "edition")]

# Page permissions, and the page they are granted on: "stories" is the StoryIndexPage, so they
# reach every story; "root" is the whole tree.
PAGE_PERMISSIONS = {
    REPORTERS: ("stories", ["add_page"]),
    EDITORS: ("stories", ["add_page", "change_page", "publish_page", "lock_page", "unlock_page"]),
    CHIEF_EDITORS: (
        "root",
        ["add_page", "change_page", "publish_page", "bulk_delete_page", "lock_page", "unlock_page"],
    ),
}

# Permissions on the root collection (so on every image and document).
COLLECTION_PERMISSIONS = {
    REPORTERS: [
        ("wagtailimages", "image", "add_image"),
        ("wagtailimages", "image", "choose_image"),
        ("wagtaildocs", "document", "add_document"),
        ("wagtaildocs", "document", "choose_document"),
    ],
    EDITORS: [("wagtailimages", "image", codename) for codename in IMAGE_PERMISSIONS]
    + [("wagtaildocs", "document", codename) for codename in DOCUMENT_PERMISSIONS],
    CHIEF_EDITORS: [("wagtailimages", "image", codename) for codename in IMAGE_PERMISSIONS]
    + [("wagtaildocs", "document", codename) for codename in DOCUMENT_PERMISSIONS]
    + [("wagtailcore", "collection", f"{action}_collection") for action in ("add", "change", "delete")],
}

# Model permissions. Everyone may look people, topics and editions up (bylines, story forms);
# only the chief editor changes them.
ADMIN_ACCESS = ("wagtailadmin", "admin", "access_admin")
VIEW_RECORDS = [(app, model, f"view_{model}") for app, model in NEWSROOM_RECORDS]
MODEL_PERMISSIONS = {
    REPORTERS: [ADMIN_ACCESS, *VIEW_RECORDS],
    EDITORS: [ADMIN_ACCESS, *VIEW_RECORDS],
    CHIEF_EDITORS: [
        ADMIN_ACCESS,
        *[
            (app, model, f"{action}_{model}")
            for app, model in NEWSROOM_RECORDS
            for action in ("add", "change", "delete", "view")
        ],
        *[("wagtailredirects", "redirect", f"{action}_redirect") for action in ("add", "change", "delete")],
        *[("wagtailcore", "workflow", f"{action}_workflow") for action in ("add", "change", "delete")],
        *[("wagtailcore", "task", f"{action}_task") for action in ("add", "change", "delete")],
    ],
}


def get_permission(apps, app_label, model, codename):
    """The Permission row, created if need be.

    Django creates model permissions after the whole migrate run, so on a fresh database the
    rows for this project's models do not exist yet when this migration runs.
    """
    ContentType = apps.get_model("contenttypes.ContentType")
    Permission = apps.get_model("auth.Permission")
    content_type, __ = ContentType.objects.get_or_create(app_label=app_label, model=model)
    action = codename.split("_", 1)[0]
    try:
        verbose_name = apps.get_model(app_label, model)._meta.verbose_name_raw
    except LookupError:
        verbose_name = model
    permission, __ = Permission.objects.get_or_create(
        content_type=content_type, codename=codename, defaults={"name": f"Can {action} {verbose_name}"}
    )
    return permission


def create_roles(apps, schema_editor):
    Group = apps.get_model("auth.Group")
    Page = apps.get_model("wagtailcore.Page")
    Collection = apps.get_model("wagtailcore.Collection")
    GroupPagePermission = apps.get_model("wagtailcore.GroupPagePermission")
    GroupCollectionPermission = apps.get_model("wagtailcore.GroupCollectionPermission")
    StoryIndexPage = apps.get_model("stories.StoryIndexPage")

    pages = {"root": Page.objects.get(depth=1), "stories": StoryIndexPage.objects.get()}
    root_collection = Collection.objects.get(depth=1)

    groups = {}
    for name in (REPORTERS, EDITORS, CHIEF_EDITORS):
        group, __ = Group.objects.get_or_create(name=name)
        groups[name] = group

        page_key, codenames = PAGE_PERMISSIONS[name]
        for codename in codenames:
            GroupPagePermission.objects.get_or_create(
                group=group,
                page=pages[page_key],
                permission=get_permission(apps, "wagtailcore", "page", codename),
            )
        for app_label, model, codename in COLLECTION_PERMISSIONS[name]:
            GroupCollectionPermission.objects.get_or_create(
                group=group,
                collection=root_collection,
                permission=get_permission(apps, app_label, model, codename),
            )
        group.permissions.add(*(get_permission(apps, *spec) for spec in MODEL_PERMISSIONS[name]))

    create_review_workflow(apps, groups=[groups[EDITORS], groups[CHIEF_EDITORS]], page=pages["root"])
    retire_wagtail_starter_setup(apps)


def create_review_workflow(apps, groups, page):
    """One task, "编辑审核", that editors and the chief editor act on, assigned to the root page."""
    ContentType = apps.get_model("contenttypes.ContentType")
    GroupApprovalTask = apps.get_model("wagtailcore.GroupApprovalTask")
    Workflow = apps.get_model("wagtailcore.Workflow")
    WorkflowTask = apps.get_model("wagtailcore.WorkflowTask")
    WorkflowPage = apps.get_model("wagtailcore.WorkflowPage")

    task_content_type, __ = ContentType.objects.get_or_create(app_label="wagtailcore", model="groupapprovaltask")
    task, __ = GroupApprovalTask.objects.get_or_create(
        name=REVIEW_TASK, defaults={"content_type": task_content_type, "active": True}
    )
    task.groups.set(groups)

    workflow, __ = Workflow.objects.get_or_create(name=REVIEW_WORKFLOW, defaults={"active": True})
    WorkflowTask.objects.get_or_create(workflow=workflow, task=task, defaults={"sort_order": 0})
    # A page has at most one workflow of its own (WorkflowPage's key is the page): take the root's.
    WorkflowPage.objects.update_or_create(page=page, defaults={"workflow": workflow})


def retire_wagtail_starter_setup(apps):
    Group = apps.get_model("auth.Group")
    Workflow = apps.get_model("wagtailcore.Workflow")
    Task = apps.get_model("wagtailcore.Task")

    Group.objects.filter(name__in=WAGTAIL_STARTER_GROUPS, user__isnull=True).delete()
    unused = Workflow.objects.filter(name=WAGTAIL_STARTER_WORKFLOW, workflow_pages__isnull=True)
    Task.objects.filter(name=WAGTAIL_STARTER_WORKFLOW, workflow_tasks__workflow__in=unused).update(active=False)
    unused.update(active=False)


def remove_roles(apps, schema_editor):
    Group = apps.get_model("auth.Group")
    Task = apps.get_model("wagtailcore.Task")
    Workflow = apps.get_model("wagtailcore.Workflow")

    Workflow.objects.filter(name=REVIEW_WORKFLOW).delete()
    Task.objects.filter(name=REVIEW_TASK).delete()
    Group.objects.filter(name__in=[REPORTERS, EDITORS, CHIEF_EDITORS]).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("auth", "0012_alter_user_first_name_max_length"),
        ("wagtailcore", "0098_apitoken"),
        ("wagtailadmin", "0001_create_admin_access_permissions"),
        ("wagtailimages", "0023_add_choose_permissions"),
        ("wagtaildocs", "0011_add_choose_permissions"),
        ("wagtailredirects", "0008_add_verbose_name_plural"),
        ("stories", "0002_create_story_index"),
        ("people", "0001_initial"),
        ("topics", "0001_initial"),
        ("editions", "0001_initial"),
    ]
    operations = [migrations.RunPython(create_roles, remove_roles)]
