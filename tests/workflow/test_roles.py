"""Each role tries each newsroom action through the Wagtail admin: what it may do, and what it may not.

记者/通讯员 write and submit; 编辑 edit anyone's story, review and publish; 总编 can do all of that
plus people, topics, editions and the rest of the site. Every refusal is checked by its effect
(nothing changed), and each refused action is shown to work for a role that may do it.
"""

import json

import pytest
from django.core import mail
from django.urls import reverse
from wagtail.models import Comment, Page, PageLogEntry, PageViewRestriction, Workflow, WorkflowState
from wagtail.test.utils.form_data import inline_formset, nested_form_data

from bulletin.editions.models import Edition
from bulletin.people.models import Person
from bulletin.stories.models import BriefPage, StoryIndexPage
from bulletin.topics.models import Topic
from bulletin.workflow import roles
from tests.newsroom import Newsroom, client_for

from .admin_forms import add_url, article_form, brief_form, edit_url, form_of, is_refused

pytestmark = pytest.mark.django_db


def workflow_action_url(page, action):
    task_state = page.current_workflow_task_state
    return reverse("wagtailadmin_pages:workflow_action", args=[page.pk, action, task_state.pk])


def submit(client, page, **changes):
    return client.post(edit_url(page), {**form_of(page, **changes), "action-submit": "1"})


# --- Setup from the migration ----------------------------------------------------------------


def test_every_page_goes_through_the_editors_review():
    story_index = StoryIndexPage.objects.get()
    workflow = story_index.get_workflow()

    assert workflow.name == roles.REVIEW_WORKFLOW
    assert Page.get_first_root_node().get_workflow() == workflow
    [task] = workflow.tasks
    assert {group.name for group in task.specific.groups.all()} == {roles.EDITORS, roles.CHIEF_EDITORS}
    # Wagtail's English starter workflow no longer applies anywhere.
    assert list(Workflow.objects.active()) == [workflow]


# --- Admin access --------------------------------------------------------------------------


def test_anonymous_visitors_are_sent_to_the_login_page(client, story_index):
    for url in ["/admin/", edit_url(story_index), add_url(story_index)]:
        response = client.get(url)
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("wagtailadmin_login"))


def test_an_account_without_a_role_cannot_use_the_admin(django_user_model, story_index):
    nobody = django_user_model.objects.create_user(username="nobody", password="pw")
    response = client_for(nobody).get("/admin/")
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("wagtailadmin_login"))


@pytest.mark.parametrize("role", ["reporter", "editor", "chief"])
def test_every_role_reaches_the_admin_in_chinese(role, request):
    response = client_for(request.getfixturevalue(role)).get("/admin/")
    assert response.status_code == 200
    html = response.content.decode()
    assert 'lang="zh-hans"' in html
    assert "<title>控制面板 - " in html and "键盘快捷键" in html


# --- Writing and submitting: 记者/通讯员 ---------------------------------------------------------


def test_reporter_writes_a_draft_that_stays_off_the_site(reporter, story_index, person, client):
    response = client_for(reporter).post(
        add_url(story_index), brief_form("区残联开展助残活动", bylines=[(person, "记者")], slug="zhucan")
    )

    assert response.status_code == 302
    story = BriefPage.objects.get(slug="zhucan")
    assert story.owner == reporter
    assert not story.live
    assert [str(b) for b in story.get_latest_revision_as_object().bylines.all()] == ["记者 王明玥"]
    assert client.get(story.url).status_code == 404
    assert client.get("/news/zhucan/").status_code == 404


def test_reporter_writes_an_article_with_a_rich_text_body(reporter, story_index):
    response = client_for(reporter).post(
        add_url(story_index, "articlepage"),
        article_form("新安路街道打造服务圈", "居民步行15分钟即可办事。", "fuwuquan"),
    )

    assert response.status_code == 302
    story = Page.objects.get(slug="fuwuquan").specific
    assert story.owner == reporter and not story.live
    assert story.get_latest_revision_as_object().body_paragraphs() == ["居民步行15分钟即可办事。"]


def test_reporter_cannot_publish(reporter, editor, story_index):
    reporter_client = client_for(reporter)
    reporter_client.post(add_url(story_index), {**brief_form("想直接发布", slug="direct"), "action-publish": "1"})
    story = BriefPage.objects.get(slug="direct")

    # Asking to publish when creating only saved a draft …
    assert not story.live
    assert not PageLogEntry.objects.filter(page=story, action="wagtail.publish").exists()
    # … the editor offers no publish button …
    assert 'name="action-publish"' not in reporter_client.get(edit_url(story)).content.decode()
    assert 'name="action-publish"' in client_for(editor).get(edit_url(story)).content.decode()
    # … and asking again from the edit form changes nothing either.
    reporter_client.post(edit_url(story), {**form_of(story), "action-publish": "1"})
    story.refresh_from_db()
    assert not story.live


def test_reporter_submits_a_draft_for_review_and_editors_are_told(reporter, editor, chief, story_index):
    story = Newsroom().brief(owner=reporter, title="提交审核的简讯", publish=False)

    response = submit(client_for(reporter), story)

    assert response.status_code == 302
    story.refresh_from_db()
    assert story.workflow_in_progress
    assert story.current_workflow_task.name == roles.REVIEW_TASK
    assert not story.live
    recipients = {address for message in mail.outbox for address in message.to}
    assert {editor.email, chief.email} <= recipients
    assert reporter.email not in recipients


def test_reporter_cannot_approve_a_story_in_review(reporter, story_index):
    story = Newsroom().brief(owner=reporter, title="自己批准自己", publish=False)
    submit(client_for(reporter), story)
    story.refresh_from_db()

    response = client_for(reporter).post(workflow_action_url(story, "approve"), {"comment": ""})

    assert is_refused(response)
    story.refresh_from_db()
    assert not story.live and story.workflow_in_progress


def test_reporter_cannot_edit_someone_elses_story(reporter, other_reporter, story_index):
    story = Newsroom().brief(owner=other_reporter, title="通讯员的稿件", publish=False)
    client = client_for(reporter)

    assert is_refused(client.get(edit_url(story)))
    client.post(edit_url(story), form_of(story, title="被改了"))
    assert story.get_latest_revision_as_object().title == "通讯员的稿件"


def test_reporter_can_correct_their_own_story_but_not_publish_the_change(reporter, editor, story_index, client):
    story = Newsroom().brief(owner=reporter, title="已发布的稿件", publish=True)

    client_for(reporter).post(edit_url(story), {**form_of(story, title="记者改过的标题"), "action-publish": "1"})

    story.refresh_from_db()
    assert story.title == "已发布的稿件"  # the live version is untouched …
    assert story.get_latest_revision_as_object().title == "记者改过的标题"  # … the change waits as a draft
    assert "记者改过的标题" not in client.get(story.url).content.decode()


def test_reporter_cannot_unpublish_delete_or_restrict_a_live_story(reporter, editor, story_index):
    story = Newsroom().brief(owner=reporter, title="见报稿件", publish=True)
    client = client_for(reporter)

    client.post(reverse("wagtailadmin_pages:unpublish", args=[story.pk]))
    client.post(reverse("wagtailadmin_pages:delete", args=[story.pk]))
    client.post(
        reverse("wagtailadmin_pages:set_privacy", args=[story.pk]),
        {"restriction_type": "password", "password": "secret", "groups": []},
    )

    story.refresh_from_db()
    assert story.live
    assert not PageViewRestriction.objects.filter(page=story).exists()


def test_reporter_may_delete_their_own_unpublished_draft(reporter, story_index):
    story = Newsroom().brief(owner=reporter, title="写错了的草稿", publish=False)

    client_for(reporter).post(reverse("wagtailadmin_pages:delete", args=[story.pk]))

    assert not BriefPage.objects.filter(pk=story.pk).exists()


def test_reporter_cannot_edit_the_home_page(reporter, chief):
    home = Page.objects.get(depth=2)
    assert is_refused(client_for(reporter).get(edit_url(home)))
    assert client_for(chief).get(edit_url(home)).status_code == 200


# --- Review and publishing: 编辑 ---------------------------------------------------------------


def test_editor_approves_with_a_comment_and_the_story_goes_live(reporter, editor, story_index, client):
    story = Newsroom().brief(owner=reporter, title="等待审核", publish=False)
    submit(client_for(reporter), story)
    story.refresh_from_db()

    response = client_for(editor).post(workflow_action_url(story, "approve"), {"comment": "可以发，标题很好。"})

    assert response.status_code == 302
    story.refresh_from_db()
    assert story.live and not story.workflow_in_progress
    state = WorkflowState.objects.get(object_id=str(story.pk))
    assert state.status == WorkflowState.STATUS_APPROVED
    assert state.task_states.get().comment == "可以发，标题很好。"
    assert client.get(story.url).status_code == 200


def test_editor_requests_changes_and_the_reporter_sees_why(reporter, editor, story_index, client):
    story = Newsroom().brief(owner=reporter, title="需要修改的稿件", publish=False)
    submit(client_for(reporter), story)
    story.refresh_from_db()

    mail.outbox.clear()
    client_for(editor).post(workflow_action_url(story, "reject"), {"comment": "请补充活动时间和地点。"})

    story.refresh_from_db()
    assert not story.live
    [notice] = [message for message in mail.outbox if reporter.email in message.to]
    assert "需要修改的稿件" in notice.subject and "请补充活动时间和地点。" in notice.body
    state = WorkflowState.objects.get(object_id=str(story.pk))
    assert state.status == WorkflowState.STATUS_NEEDS_CHANGES

    reporter_client = client_for(reporter)
    dashboard = reporter_client.get("/admin/").content.decode()
    assert "需要修改的稿件" in dashboard
    assert "需要修改" in dashboard  # the state Wagtail shows for a rejected task
    detail = reporter_client.get(
        reverse("wagtailadmin_pages:workflow_history_detail", args=[story.pk, state.pk])
    ).content.decode()
    assert "请补充活动时间和地点。" in detail

    # The reporter fixes the story and sends it back; the editor then approves it.
    reporter_client.post(
        edit_url(story), {**form_of(story, body="活动于11月28日在区残联举行。"), "action-restart-workflow": "1"}
    )
    story.refresh_from_db()
    assert story.workflow_in_progress
    client_for(editor).post(workflow_action_url(story, "approve"), {"comment": ""})
    story.refresh_from_db()
    assert story.live
    assert "活动于11月28日在区残联举行。" in client.get(story.url).content.decode()


def test_a_story_in_review_is_locked_for_its_author(reporter, story_index):
    """What the editor approves is what was submitted: the author waits for the verdict."""
    story = Newsroom().brief(owner=reporter, title="审核中的稿件", publish=False)
    submit(client_for(reporter), story)

    response = client_for(reporter).post(edit_url(story), form_of(story, title="偷偷改标题"))

    assert response.status_code == 200  # the form comes back with the lock message
    assert story.get_latest_revision_as_object().title == "审核中的稿件"


def test_editor_comments_on_a_story_and_the_reporter_reads_it(reporter, editor, story_index):
    story = Newsroom().brief(owner=reporter, title="有意见的稿件", publish=False)
    comment = {
        "contentpath": "title",
        "text": "标题请改短一些。",
        "position": "",
        "resolved": "",
        "replies": inline_formset([]),
    }

    client_for(editor).post(
        edit_url(story), {**form_of(story), **nested_form_data({"comments": inline_formset([comment])})}
    )

    [saved] = Comment.objects.filter(page=story)
    assert saved.user == editor and saved.text == "标题请改短一些。"
    editor_view = client_for(reporter).get(edit_url(story)).content.decode()
    assert json.dumps("标题请改短一些。")[1:-1] in editor_view


def test_editor_edits_and_publishes_a_reporters_story(reporter, editor, story_index, client):
    story = Newsroom().brief(owner=reporter, title="记者初稿", publish=False)

    response = client_for(editor).post(edit_url(story), {**form_of(story, title="编辑改定稿"), "action-publish": "1"})

    assert response.status_code == 302
    story.refresh_from_db()
    assert story.live and story.title == "编辑改定稿"
    assert "编辑改定稿" in client.get("/news/").content.decode()


def test_editor_unpublishes_a_story(reporter, editor, story_index, client):
    story = Newsroom().brief(owner=reporter, title="撤下的稿件", publish=True)

    client_for(editor).post(reverse("wagtailadmin_pages:unpublish", args=[story.pk]))

    story.refresh_from_db()
    assert not story.live
    assert client.get(story.url).status_code == 404


def test_editor_restricts_a_story_to_logged_in_readers(reporter, editor, story_index):
    story = Newsroom().brief(owner=reporter, title="内部稿件", publish=True)

    response = client_for(editor).post(
        reverse("wagtailadmin_pages:set_privacy", args=[story.pk]), {"restriction_type": "login", "groups": []}
    )

    assert response.status_code == 200
    assert PageViewRestriction.objects.get(page=story).restriction_type == "login"


def test_editor_cannot_edit_the_home_page(editor):
    home = Page.objects.get(depth=2)
    assert is_refused(client_for(editor).get(edit_url(home)))


# --- People, topics, editions: 总编 only ------------------------------------------------------

RECORDS = {
    "people": (Person, {"name": "新记者", "unit": "本报", "slug": "", "bio": ""}, "name"),
    "topics": (Topic, {"name": "新专题", "slug": "xin", "keywords": "", "description": "", "sort_order": "1"}, "name"),
    "editions": (Edition, {"number": "9001", "date": "2024-01-02", "title": "新一期"}, "title"),
}
RECORDS_LABEL = {model: label for model, __, label in RECORDS.values()}


def snippet_url(model, action, *args):
    meta = model._meta
    return reverse(f"wagtailsnippets_{meta.app_label}_{meta.model_name}:{action}", args=args)


def renaming(model, record, data):
    """The edit form's data renaming ``record``, keeping its unique keys."""
    unique = {Topic: ["slug"], Edition: ["number"]}.get(model, [])
    return {**data, **{key: str(getattr(record, key)) for key in unique}, RECORDS_LABEL[model]: "改名"}


def existing_record(model):
    if model is Person:
        return Person.objects.create(name="老记者", unit="本报")
    if model is Topic:
        return Topic.objects.create(name="老专题", slug="lao")
    return Edition.objects.create(number=8001, date="2023-01-03", title="老一期")


@pytest.mark.parametrize("kind", RECORDS)
@pytest.mark.parametrize("role", ["reporter", "editor"])
def test_reporters_and_editors_look_up_but_do_not_change_records(kind, role, request):
    model, data, label = RECORDS[kind]
    record = existing_record(model)
    client = client_for(request.getfixturevalue(role))

    assert client.get(snippet_url(model, "list")).status_code == 200
    assert is_refused(client.get(snippet_url(model, "add")))
    assert is_refused(client.get(snippet_url(model, "edit", record.pk)))
    client.post(snippet_url(model, "add"), data)
    client.post(snippet_url(model, "edit", record.pk), renaming(model, record, data))
    client.post(snippet_url(model, "delete", record.pk))

    assert not model.objects.filter(**{label: data[label]}).exists()
    assert model.objects.filter(pk=record.pk, **{label: getattr(record, label)}).exists()


@pytest.mark.parametrize("kind", RECORDS)
def test_chief_editor_adds_changes_and_deletes_records(kind, chief):
    model, data, label = RECORDS[kind]
    record = existing_record(model)
    client = client_for(chief)

    assert client.get(snippet_url(model, "add")).status_code == 200
    client.post(snippet_url(model, "add"), data)
    assert model.objects.filter(**{label: data[label]}).exists()

    client.post(snippet_url(model, "edit", record.pk), renaming(model, record, data))
    record.refresh_from_db()
    assert getattr(record, label) == "改名"

    client.post(snippet_url(model, "delete", record.pk))
    assert not model.objects.filter(pk=record.pk).exists()


# --- 总编 does everything an editor does, across the site --------------------------------------


def test_chief_editor_reviews_publishes_and_deletes_stories(reporter, chief, story_index, client):
    story = Newsroom().brief(owner=reporter, title="总编审核", publish=False)
    submit(client_for(reporter), story)
    story.refresh_from_db()
    chief_client = client_for(chief)

    chief_client.post(workflow_action_url(story, "approve"), {"comment": "同意。"})
    story.refresh_from_db()
    assert story.live

    chief_client.post(reverse("wagtailadmin_pages:delete", args=[story.pk]))
    assert not BriefPage.objects.filter(pk=story.pk).exists()


def test_chief_editor_edits_the_home_page(chief, client):
    home = Page.objects.get(depth=2).specific
    response = client_for(chief).post(
        edit_url(home),
        {
            "title": home.title,
            "slug": home.slug,
            "tagline": "总编改过的口号",
            "action-publish": "1",
            "comments-TOTAL_FORMS": "0",
            "comments-INITIAL_FORMS": "0",
            "comments-MIN_NUM_FORMS": "0",
            "comments-MAX_NUM_FORMS": "1000",
        },
    )
    assert response.status_code == 302
    home.refresh_from_db()
    assert home.tagline == "总编改过的口号"


def test_editor_may_delete_a_published_story(reporter, editor, story_index):
    # Wagtail lets whoever may publish a page delete it; the newsroom keeps that rule.
    story = Newsroom().brief(owner=reporter, title="删除的稿件", publish=True)
    client_for(editor).post(reverse("wagtailadmin_pages:delete", args=[story.pk]))
    assert not BriefPage.objects.filter(pk=story.pk).exists()
