"""Control characters pasted into the admin are removed as the form reads them (bulletin/admin_fields.py).

Each C0 control character XML cannot hold goes into a story's edit form as an editor_client posts it
(a rich-text paragraph and a subheading; a brief's plain-text body and an inline correction) and
into the snippets' text fields, one-line fields (a story's title and subtitle, a person's name)
as well as text areas; what is saved, and published, is the text without it, and the feeds and
the sitemap parse.
"""

import json

import pytest
from django.urls import reverse
from wagtail.test.utils.form_data import streamfield

from bulletin.people.models import Person
from bulletin.topics.models import Topic
from tests.newsroom import Newsroom
from tests.workflow.admin_forms import article_form, edit_url, form_of

from .xml_outputs import C0_CONTROLS, NON_CHARACTERS, assert_xml_outputs_parse, code, parsed

pytestmark = pytest.mark.django_db


@pytest.fixture
def newsroom():
    return Newsroom()


def draftail(text):
    """A rich-text paragraph as the browser's Draftail editor_client posts it, text as typed or pasted.

    (wagtail's rich_text() test helper goes through an HTML parser that turns a form feed into
    a space: not what a browser sends.)"""
    block = {"key": "p1", "type": "unstyled", "depth": 0, "text": text, "inlineStyleRanges": [], "entityRanges": []}
    return json.dumps({"blocks": [block], "entityMap": {}})


@pytest.mark.parametrize("character", C0_CONTROLS, ids=code)
def test_an_article_edited_with_a_control_character_is_published_without_it(editor_client, newsroom, client, character):
    topic = newsroom.topic("政务服务")
    story = newsroom.article("原标题", topics=[topic])
    paragraph = draftail(f"区政务{character}服务中心延长办理时间。")

    response = editor_client.post(
        edit_url(story),
        {
            **article_form(
                f"区政务服务中心{character}延长办理时间{character}",
                "",
                story.slug,
                subtitle=f"周末{character}也能办",
                body=streamfield([("paragraph", paragraph), ("subheading", f"办理{character}时间")]),
                topics=topic.name,
            ),
            "action-publish": "1",
        },
    )

    assert response.status_code == 302, response.context["form"].errors if response.context else response
    story = type(story).objects.get(pk=story.pk)
    assert story.title == story.draft_title == "区政务服务中心延长办理时间"
    assert story.subtitle == "周末也能办"
    assert story.body_paragraphs() == ["区政务服务中心延长办理时间。", "办理时间"]
    assert story.get_latest_revision().content["title"] == "区政务服务中心延长办理时间"
    titles = assert_xml_outputs_parse(client)
    assert "区政务服务中心延长办理时间" in titles[reverse("stories:feed")]
    assert "区政务服务中心延长办理时间" in titles[reverse("topics:feed", args=[topic.slug])]


@pytest.mark.parametrize("character", C0_CONTROLS, ids=code)
def test_a_brief_edited_with_a_control_character_is_published_without_it(editor_client, newsroom, client, character):
    story = newsroom.brief("原简讯")
    correction = {"date": "2023-11-29", "type": "更正", "text": f"更正{character}说明"}
    response = editor_client.post(
        edit_url(story),
        {
            **form_of(
                story, title=f"简讯{character}标题", body=f"第一段{character}正文。\n第二段。", corrections=[correction]
            ),
            "action-publish": "1",
        },
    )
    assert response.status_code == 302
    story.refresh_from_db()
    assert (story.title, story.body) == ("简讯标题", "第一段正文。\n第二段。")
    assert [c.text for c in story.corrections.all()] == ["更正说明"]
    assert "简讯标题" in assert_xml_outputs_parse(client)[reverse("stories:feed")]


BAD = "".join(C0_CONTROLS + NON_CHARACTERS)


def snippet_url(model, action, *args):
    return reverse(f"wagtailsnippets_{model._meta.app_label}_{model._meta.model_name}:{action}", args=args)


@pytest.mark.parametrize(
    "model, form, saved",
    [
        (
            Person,
            {"name": f"王{BAD}浩", "unit": f"本报{BAD}", "slug": "", "bio": f"简介{BAD}"},
            {"name": "王浩", "unit": "本报", "bio": "简介"},
        ),
        (
            Topic,
            {
                "name": f"助{BAD}学",
                "slug": "zhuxue",
                "keywords": f"残联{BAD}",
                "description": f"说明{BAD}",
                "sort_order": "1",
            },
            {"name": "助学", "keywords": "残联", "description": "说明"},
        ),
    ],
    ids=["Person", "Topic"],
)
def test_snippets_are_saved_without_control_characters(admin_client, client, model, form, saved):
    response = admin_client.post(snippet_url(model, "add"), form)
    assert response.status_code == 302, response.context["form"].errors if response.context else response
    instance = model.objects.get(**saved)
    edited = {**form, **{name: value + BAD for name, value in saved.items()}}
    assert admin_client.post(snippet_url(model, "edit", instance.pk), edited).status_code == 302
    instance.refresh_from_db()
    assert {name: getattr(instance, name) for name in saved} == saved
    assert_xml_outputs_parse(client)


def test_a_person_named_with_control_characters_is_credited_without_them(admin_client, newsroom, client):
    """The name an editor_client types for a new person (a snippet) is the one a story's feed credits."""
    form = {"name": "\x0c王\x1b浩\x0c", "unit": "", "slug": "", "bio": ""}
    response = admin_client.post(snippet_url(Person, "add"), form)
    assert response.status_code == 302, response.context["form"].errors if response.context else response
    person = Person.objects.get()
    assert (person.name, person.slug) == ("王浩", "王浩")
    newsroom.article("区图书馆开设盲文阅览室", bylines=[(person, "记者")])

    assert_xml_outputs_parse(client)
    [item] = parsed(client, reverse("stories:feed")).iter("item")
    assert item.findtext("{http://purl.org/dc/elements/1.1/}creator") == "记者 王浩"
