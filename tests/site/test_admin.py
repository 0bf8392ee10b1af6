"""The newsroom admin, used the way an editor uses it: logged in, through its forms."""

import datetime
import json
import re

import pytest
from django.urls import reverse
from wagtail.test.utils.form_data import inline_formset, nested_form_data, querydict_from_html, rich_text, streamfield

from bulletin.stories.models import ArticlePage, BriefPage
from bulletin.topics.models import Topic

pytestmark = pytest.mark.django_db


@pytest.fixture
def editor(client, django_user_model):
    user = django_user_model.objects.create_superuser("editor", "editor@example.com", "password")
    client.force_login(user)
    return client


def add_form_data(editor, add_url, fields):
    """What the add form sends: its own hidden fields and defaults, then the story as typed in."""
    data = querydict_from_html(editor.get(add_url).content.decode(), form_id="page-edit-form")
    data.update(nested_form_data({"corrections": inline_formset([]), **fields}))
    return data


def test_editor_creates_and_publishes_an_article_with_bylines_and_a_topic(editor, newsroom, client):
    reporter = newsroom.person("王明玥", "本报")
    correspondent = newsroom.person("许真真", "区委外事服务中心")
    add_url = reverse("wagtailadmin_pages:add", args=["stories", "articlepage", newsroom.index.pk])
    data = add_form_data(
        editor,
        add_url,
        {
            "title": "一卡在手 说走就走",
            "slug": "一卡在手",
            "subtitle": "区委外事服务中心助力企业拓展国际市场",
            "date": "2023-11-28",
            "topics": "外事",
            "body": streamfield([("paragraph", rich_text("<p>为充分发挥外事职能作用，主动为企业纾困解难。</p>"))]),
            "bylines": inline_formset(
                [{"person": reporter.pk, "role": "记者"}, {"person": correspondent.pk, "role": "通讯员"}]
            ),
        },
    )
    data["action-publish"] = "action-publish"
    response = editor.post(add_url, data)
    assert response.status_code == 302, response.context and response.context["form"].errors

    article = ArticlePage.objects.get(slug="一卡在手")
    assert article.live
    assert [(b.person.name, b.role) for b in article.bylines.all()] == [("王明玥", "记者"), ("许真真", "通讯员")]
    assert [t.name for t in article.topics.all()] == ["外事"]
    assert article.date == datetime.date(2023, 11, 28)

    client.logout()
    home = client.get("/").content.decode()
    assert "一卡在手 说走就走" in home
    story = client.get(article.url).content.decode()
    assert "(记者 " in story and "王明玥" in story and "通讯员 " in story
    assert "为充分发挥外事职能作用" in story
    assert "一卡在手 说走就走" in client.get(reverse("topics:detail", args=["外事"])).content.decode()


def test_editor_previews_an_unsaved_article_with_its_bylines(editor, newsroom):
    reporter = newsroom.person("冯佳雯")
    preview_url = reverse("wagtailadmin_pages:preview_on_add", args=["stories", "articlepage", newsroom.index.pk])
    add_url = reverse("wagtailadmin_pages:add", args=["stories", "articlepage", newsroom.index.pk])
    data = add_form_data(
        editor,
        add_url,
        {
            "title": "预览中的稿件",
            "slug": "preview",
            "date": "2023-11-28",
            "topics": "助残",
            "body": streamfield([("paragraph", rich_text("<p>还没有保存的正文。</p>"))]),
            "bylines": inline_formset([{"person": reporter.pk, "role": "记者"}]),
        },
    )
    assert editor.post(preview_url, data).json()["is_valid"]
    preview = editor.get(preview_url).content.decode()
    assert "预览中的稿件" in preview and "还没有保存的正文。" in preview
    assert f'(记者 <a href="{reporter.get_absolute_url()}">冯佳雯</a>)' in preview
    assert not ArticlePage.objects.filter(slug="preview").exists()


def test_topics_must_come_from_the_newsrooms_list(editor, newsroom):
    add_url = reverse("wagtailadmin_pages:add", args=["stories", "briefpage", newsroom.index.pk])
    data = add_form_data(
        editor,
        add_url,
        {
            "title": "新专题简讯",
            "slug": "new-topic-brief",
            "body": "正文。",
            "date": "2023-11-28",
            "topics": "助残, 不存在的专题",
            "bylines": inline_formset([]),
        },
    )
    data["action-publish"] = "action-publish"
    assert editor.post(add_url, data).status_code == 302
    # Wagtail keeps the known topic and drops the made-up one rather than creating it.
    brief = BriefPage.objects.get(slug="new-topic-brief")
    assert [t.name for t in brief.topics.all()] == ["助残"]
    assert not Topic.objects.filter(name="不存在的专题").exists()


@pytest.mark.parametrize("app, model", [("people", "person"), ("topics", "topic"), ("editions", "edition")])
def test_snippet_listing_add_and_edit_views_render(editor, newsroom, app, model):
    objects = {
        "person": lambda: newsroom.person("王明玥", "本报"),
        "topic": lambda: newsroom.topic("助残"),
        "edition": lambda: newsroom.edition(1289),
    }
    obj = objects[model]()
    listing = editor.get(reverse(f"wagtailsnippets_{app}_{model}:list"))
    assert listing.status_code == 200
    assert str(obj).split("（")[0] in listing.content.decode()
    assert editor.get(reverse(f"wagtailsnippets_{app}_{model}:add")).status_code == 200
    assert editor.get(reverse(f"wagtailsnippets_{app}_{model}:edit", args=[obj.pk])).status_code == 200


def test_snippet_search_and_filters(editor, newsroom):
    newsroom.person("王明玥", "本报")
    newsroom.person("崔惠霞", "新安路街道")
    url = reverse("wagtailsnippets_people_person:list")
    found = editor.get(url, {"q": "明玥"}).content.decode()
    assert "王明玥" in found and "崔惠霞" not in found
    filtered = editor.get(url, {"unit": "新安路街道"}).content.decode()
    assert "崔惠霞" in filtered and "王明玥" not in filtered
    newsroom.edition(1200, date=datetime.date(2022, 5, 3))
    newsroom.edition(1289, date=datetime.date(2023, 11, 28))
    editions = editor.get(reverse("wagtailsnippets_editions_edition:list"), {"date__year": "2022"}).content.decode()
    assert "第1200期" in editions and "第1289期" not in editions


def test_admin_menu_has_the_newsroom_items_in_chinese(editor):
    page = editor.get(reverse("wagtailadmin_home")).content.decode()
    props = re.search(r'<script id="wagtail-sidebar-props" type="application/json">(.*?)</script>', page, re.S)
    menu = json.dumps(json.loads(props.group(1)), ensure_ascii=False)  # the sidebar is drawn from this JSON
    for label, url in (
        ("人员", "/admin/snippets/people/person/"),
        ("专题", "/admin/snippets/topics/topic/"),
        ("报纸期次", "/admin/snippets/editions/edition/"),
    ):
        assert f'"label": "{label}"' in menu and url in menu
