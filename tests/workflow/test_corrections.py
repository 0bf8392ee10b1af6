"""Mistakes are corrected in the open: a dated 更正/更新 note on the story and in its feed entry,
with every earlier version kept as a Wagtail revision."""

import datetime
import xml.etree.ElementTree as ET

import pytest
from django.urls import reverse

from tests.newsroom import Newsroom, client_for

from .admin_forms import edit_url, form_of

pytestmark = pytest.mark.django_db

CORRECTION = {"date": "2023-11-30", "type": "更正", "text": "本文第二段“12个”应为“30个”。"}


def feed_entry(client, story):
    feed = ET.fromstring(client.get("/feed/").content)
    [item] = [item for item in feed.iter("item") if item.findtext("link").endswith(story.url)]
    return item


@pytest.fixture
def corrected_story(reporter, editor, story_index):
    story = Newsroom().brief(
        owner=reporter, title="社区合伙人吸纳12个项目", publish=True, slug="hehuoren", date=datetime.date(2023, 11, 28)
    )
    response = client_for(editor).post(
        edit_url(story), {**form_of(story, corrections=[CORRECTION]), "action-publish": "1"}
    )
    assert response.status_code == 302
    story.refresh_from_db()
    return story


def test_an_editors_correction_shows_on_the_story(corrected_story, client):
    html = client.get(corrected_story.url).content.decode()

    assert "更正" in html
    assert "本文第二段“12个”应为“30个”。" in html
    assert "2023年11月30日" in html or "2023-11-30" in html


def test_the_correction_is_in_the_storys_feed_entry(corrected_story, client):
    description = feed_entry(client, corrected_story).findtext("description")

    assert "更正" in description
    assert "本文第二段“12个”应为“30个”。" in description


def test_the_version_before_the_correction_is_kept(corrected_story, editor):
    first, second = corrected_story.revisions.order_by("created_at")
    assert first.as_object().corrections.count() == 0
    assert [c.text for c in second.as_object().corrections.all()] == [CORRECTION["text"]]
    assert second.user == editor

    client = client_for(editor)
    history = client.get(reverse("wagtailadmin_pages:history", args=[corrected_story.pk]))
    assert history.status_code == 200
    earlier = client.get(reverse("wagtailadmin_pages:revisions_view", args=[corrected_story.pk, first.pk]))
    assert earlier.status_code == 200
    assert "更正" not in earlier.content.decode()


def test_a_later_update_note_is_added_below_the_correction(corrected_story, editor, client):
    update = {"date": "2023-12-01", "type": "更新", "text": "活动报名已截止。"}
    client_for(editor).post(
        edit_url(corrected_story), {**form_of(corrected_story, corrections=[update]), "action-publish": "1"}
    )

    html = client.get(corrected_story.url).content.decode()
    assert html.index(CORRECTION["text"]) < html.index("活动报名已截止。")
    assert corrected_story.revisions.count() == 3
