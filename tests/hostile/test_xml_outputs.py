"""Feeds and the sitemap stay well-formed XML whatever a story holds.

The write paths keep control characters out (tests/hostile/test_control_characters.py); these
stories are saved around them, through Wagtail's page API with nothing cleaning the text, as data
written before that fix or by a script would be. Every character the database can store goes
into every field a feed or the sitemap shows.
"""

import datetime

import pytest
from django.db import connection
from django.urls import reverse
from wagtail.rich_text import RichText

from bulletin.xmltext import xml_safe
from tests.newsroom import Newsroom

from .xml_outputs import C0_CONTROLS, NON_CHARACTERS, assert_xml_outputs_parse, feed_titles, parsed

pytestmark = pytest.mark.django_db


def storable():
    """Every character XML cannot hold that this database stores (PostgreSQL refuses NUL; no
    database can encode a lone surrogate)."""
    characters = C0_CONTROLS + NON_CHARACTERS
    if connection.vendor == "postgresql":
        characters.remove("\x00")
    return "".join(characters)


@pytest.fixture
def hostile_story():
    bad = storable()
    newsroom = Newsroom()
    topic = newsroom.topic("助残")
    topic.name = f"助{bad}残"
    topic.description = f"说明{bad}"
    topic.save()
    edition = newsroom.edition(7, title=f"第七期{bad}")
    story = newsroom.article(
        f"标题{bad}",
        subtitle=f"副题{bad}",
        body=[("paragraph", RichText(f"<p>正文{bad}</p>")), ("subheading", f"小标题{bad}")],
        date=datetime.date(2023, 11, 28),
        edition=edition,
        bylines=[(newsroom.person(f"王{bad}浩"), "记者")],
        topics=[topic],
        corrections=[{"date": datetime.date(2023, 11, 29), "type": "更正", "text": f"更正{bad}"}],
    )
    newsroom.brief(f"简讯{bad}", text=f"简讯正文{bad}", date=datetime.date(2023, 11, 27))
    return story


def test_the_story_holds_the_characters(hostile_story):
    """Else the tests below prove nothing: the page API stored them as given."""
    hostile_story.refresh_from_db()
    assert hostile_story.title == f"标题{storable()}"


def test_every_feed_and_sitemap_parses(client, hostile_story):
    titles = assert_xml_outputs_parse(client)
    assert titles[reverse("stories:feed")] == ["标题", "简讯"]
    assert titles[reverse("topics:feed", args=[hostile_story.topics.get().slug])] == ["标题"]


def test_the_feed_keeps_everything_but_the_characters(client, hostile_story):
    item = next(parsed(client, reverse("stories:feed")).iter("item"))
    assert item.findtext("title") == "标题"
    assert item.findtext("{http://purl.org/dc/elements/1.1/}creator") == "记者 王浩"
    assert [category.text for category in item.findall("category")] == ["助残"]
    description = item.findtext("description")
    assert "正文" in description and "更正" in description
    assert xml_safe(description) == description


def test_the_topic_feed_describes_the_topic_without_them(client, hostile_story):
    channel = parsed(client, reverse("topics:feed", args=[hostile_story.topics.get().slug])).find("channel")
    assert channel.findtext("title").startswith("助残 - ")
    assert channel.findtext("description") == "说明"
    assert feed_titles(client, reverse("topics:feed", args=[hostile_story.topics.get().slug])) == ["标题"]
