"""A story page names the editor who published it (责任编辑), from the workflow's record, and keeps
its address when an editor changes its headline and slug in the admin."""

import pytest
from django.urls import reverse

from tests.newsroom import Newsroom, client_for

from .admin_forms import edit_url, form_of

pytestmark = pytest.mark.django_db


def approve(editor, story):
    task_state = story.current_workflow_task_state
    url = reverse("wagtailadmin_pages:workflow_action", args=[story.pk, "approve", task_state.pk])
    return client_for(editor).post(url, {"comment": ""})


def test_the_editor_who_approved_the_story_is_its_responsible_editor(reporter, editor, story_index, client):
    editor.last_name, editor.first_name = "张", "晓燕"
    editor.save()
    story = Newsroom().brief(owner=reporter, title="审核后发布", publish=False)
    client_for(reporter).post(edit_url(story), {**form_of(story), "action-submit": "1"})
    story.refresh_from_db()

    assert approve(editor, story).status_code == 302
    story.refresh_from_db()
    assert story.live
    html = client.get(story.url).content.decode()
    assert "责任编辑：张晓燕" in html
    assert "reporter" not in html


def test_an_editor_publishing_directly_is_named_and_a_later_publisher_takes_over(editor, chief, story_index, client):
    story = Newsroom().brief(owner=editor, title="直接发布", publish=False)
    client_for(editor).post(edit_url(story), {**form_of(story), "action-publish": "1"})
    story.refresh_from_db()
    assert "责任编辑：editor" in client.get(story.url).content.decode()

    client_for(chief).post(edit_url(story), {**form_of(story, body="改过的正文。"), "action-publish": "1"})
    html = client.get(story.url).content.decode()
    assert "责任编辑：chief" in html and "改过的正文" in html


def test_a_story_published_without_an_editor_names_none(story_index, editor, client):
    story = Newsroom().brief(owner=editor, title="导入的稿件", publish=True)  # published by code, no user
    assert "责任编辑" not in client.get(story.url).content.decode()


def test_an_editor_without_a_name_is_not_named_by_their_login(editor, story_index, client):
    editor.first_name = editor.last_name = ""
    editor.save()
    story = Newsroom().brief(owner=editor, title="无名编辑发布", publish=False)
    client_for(editor).post(edit_url(story), {**form_of(story), "action-publish": "1"})
    html = client.get(story.url).content.decode()
    assert "无名编辑发布" in html and "责任编辑" not in html and editor.username not in html


def test_a_headline_and_slug_edited_in_the_admin_keep_every_address(
    editor, story_index, client, django_capture_on_commit_callbacks
):
    story = Newsroom().brief(owner=editor, title="原来的标题", publish=True, slug="yuan-lai-de-biao-ti")
    short = story.url
    with django_capture_on_commit_callbacks(execute=True):
        response = client_for(editor).post(
            edit_url(story), {**form_of(story, title="改过的标题", slug="gai-guo-de-biao-ti"), "action-publish": "1"}
        )
    assert response.status_code == 302
    story.refresh_from_db()
    assert story.slug == "gai-guo-de-biao-ti" and story.url == short

    assert "改过的标题" in client.get(short).content.decode()
    for old in ("/news/yuan-lai-de-biao-ti/", "/news/gai-guo-de-biao-ti/"):
        response = client.get(old)
        assert (response.status_code, response["Location"]) == (301, short)
