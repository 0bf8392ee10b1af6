"""Scheduled publishing (go-live) and expiry, set by an editor in the admin.

Scheduled work happens when `manage.py publish_scheduled` runs (every minute in production);
expiry takes effect at the expiry moment even before that. Time moves with clock.clock_at().
"""

import datetime
from urllib.parse import urlsplit

import pytest
from django.utils import timezone
from wagtail.models import PageLogEntry

from bulletin.stories.models import BriefPage
from tests.newsroom import Newsroom, client_for
from tests.sitemaps import sitemap_locations

from .admin_forms import add_url, brief_form, edit_url, form_of
from .clock import admin_time, clock_at, publish_scheduled

pytestmark = pytest.mark.django_db

READER_PATHS = ["/", "/news/", "/briefs/", "/feed/", "/archive/2023/11/"]
EVERYWHERE = [*READER_PATHS, "story"]


def seen_by_readers(client, story, text):
    """Where ``text`` shows up for an anonymous reader: the lists, the feed and the story's own URL."""
    places = [path for path in READER_PATHS if text in client.get(path).content.decode()]
    response = client.get(story.url)
    if response.status_code == 200 and text in response.content.decode():
        places.append("story")
    return places


def in_sitemap(client, story):
    return story.url in [urlsplit(location).path for location in sitemap_locations(client)]


def test_a_scheduled_story_appears_only_once_its_go_live_time_has_come(editor, story_index, client):
    go_live = timezone.now().replace(second=0, microsecond=0) + datetime.timedelta(hours=2)
    client_for(editor).post(
        add_url(story_index),
        {**brief_form("定时发布的简讯", slug="scheduled"), "go_live_at": admin_time(go_live), "action-publish": "1"},
    )
    story = BriefPage.objects.get(slug="scheduled")

    assert not story.live
    assert story.get_latest_revision().approved_go_live_at == go_live
    publish_scheduled()  # not yet time: nothing happens
    story.refresh_from_db()
    assert not story.live
    assert seen_by_readers(client, story, "定时发布的简讯") == []
    assert not in_sitemap(client, story)

    with clock_at(go_live + datetime.timedelta(minutes=1)):
        publish_scheduled()
        story.refresh_from_db()
        assert story.live
        assert PageLogEntry.objects.filter(page=story, action="wagtail.publish.scheduled").exists()
        assert seen_by_readers(client, story, "定时发布的简讯") == EVERYWHERE
        assert in_sitemap(client, story)


def test_a_scheduled_change_to_a_live_story_waits_for_its_go_live_time(reporter, editor, story_index, client):
    story = Newsroom().brief(
        owner=reporter, title="原来的标题", publish=True, slug="original", date=datetime.date(2023, 11, 28)
    )
    go_live = timezone.now().replace(second=0, microsecond=0) + datetime.timedelta(hours=3)

    client_for(editor).post(
        edit_url(story),
        {
            **form_of(story, title="改定的标题", body="改定的正文。"),
            "go_live_at": admin_time(go_live),
            "action-publish": "1",
        },
    )

    story.refresh_from_db()
    assert story.live and story.title == "原来的标题"
    assert seen_by_readers(client, story, "改定的") == []
    assert seen_by_readers(client, story, "原来的标题") == EVERYWHERE

    with clock_at(go_live + datetime.timedelta(minutes=1)):
        publish_scheduled()
        assert seen_by_readers(client, story, "改定的") == EVERYWHERE
        assert seen_by_readers(client, story, "原来的标题") == []


def test_a_story_leaves_the_site_at_its_expiry_time(editor, story_index, client):
    expire = timezone.now().replace(second=0, microsecond=0) + datetime.timedelta(hours=1)
    client_for(editor).post(
        add_url(story_index),
        {**brief_form("限时通知", slug="expiring"), "expire_at": admin_time(expire), "action-publish": "1"},
    )
    story = BriefPage.objects.get(slug="expiring")
    assert story.live
    assert seen_by_readers(client, story, "限时通知") == EVERYWHERE
    assert in_sitemap(client, story)

    with clock_at(expire + datetime.timedelta(seconds=30)):
        # Gone at once, though publish_scheduled has not run yet and the page is still "live" …
        assert seen_by_readers(client, story, "限时通知") == []
        assert not in_sitemap(client, story)
        story.refresh_from_db()
        assert story.live
        # … and publish_scheduled then takes it down for good.
        publish_scheduled()
        story.refresh_from_db()
        assert not story.live and story.expired
        assert seen_by_readers(client, story, "限时通知") == []


def test_expiry_clears_the_page_cache(editor, story_index, client, settings):
    settings.PAGE_CACHE_TIMEOUT = 600
    expire = timezone.now() + datetime.timedelta(hours=1)
    Newsroom().brief(owner=editor, title="缓存里的通知", publish=True, expire_at=expire)
    assert "缓存里的通知" in client.get("/news/").content.decode()
    assert client.get("/news/")["X-Page-Cache"] == "hit"

    with clock_at(expire + datetime.timedelta(minutes=1)):
        publish_scheduled()
    assert "缓存里的通知" not in client.get("/news/").content.decode()
