"""The 数字报 shows no story readers must not see: not its region, title nor link on a page view,
the edition page or the calendar (see epaper.py: every story of the world has a region)."""

import re

import pytest

from bulletin.stories.models import StoryPage

from .epaper import add_printed_pages
from .world import DRAFT_REVISION, HIDDEN_EDITION, LIVE_VERSION, PUBLIC, PUBLIC_DAY, PUBLIC_EDITION, SECRETS

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def epaper_world(site_world, django_db_blocker):
    with django_db_blocker.unblock():  # inside site_world's transaction, rolled back with it
        add_printed_pages(site_world)
    return site_world


def secrets_in(text):
    return [secret for secret in SECRETS if secret in text]


def visible_ids():
    return set(StoryPage.objects.for_readers().values_list("pk", flat=True))


PAGES = [f"/editions/{PUBLIC_EDITION}/1/", f"/editions/{PUBLIC_EDITION}/2/"]


@pytest.mark.parametrize("path", [*PAGES, f"/editions/{PUBLIC_EDITION}/"])
def test_pages_show_the_regions_of_public_stories_only(path, epaper_world, reader):
    for attempt in ("miss", "hit"):  # rendered, then served from the page cache
        response = reader.get(path)
        assert response.status_code == 200
        text = response.content.decode()
        assert secrets_in(text) == [], attempt
        anchors = {int(story_id) for story_id in re.findall(r'id="story-(\d+)"', text)}
        assert anchors <= visible_ids(), attempt


def test_together_the_pages_draw_every_public_story_and_nothing_else(epaper_world, reader):
    drawn = set()
    for path in PAGES:
        text = reader.get(path).content.decode()
        drawn |= {int(pk) for pk in re.findall(r'<a id="story-(\d+)" class="epaper-region"', text)}
        assert PUBLIC in text or LIVE_VERSION in text
    public = {story.pk for story in epaper_world.stories.values() if story.pk in visible_ids()}
    assert drawn == public and len(public) == epaper_world.public_count


def test_the_pages_of_an_edition_without_public_stories_do_not_exist(epaper_world, reader):
    response = reader.get(f"/editions/{HIDDEN_EDITION}/1/")
    assert response.status_code == 404
    assert secrets_in(response.content.decode()) == []


def test_the_calendar_names_no_edition_without_public_stories(epaper_world, reader):
    text = reader.get(f"/editions/calendar/{PUBLIC_DAY.year}/{PUBLIC_DAY.month}/").content.decode()
    assert f"/editions/{PUBLIC_EDITION}/" in text
    assert secrets_in(text) == [] and f"/editions/{HIDDEN_EDITION}/" not in text
    # The hidden edition came out a week later, the next month: not a month to go to.
    assert 'rel="next"' not in text
    assert reader.get("/editions/calendar/")["Location"].endswith(f"/{PUBLIC_DAY.year}/{PUBLIC_DAY.month}/")


@pytest.mark.parametrize("story", ["public", "hidden-live-version"])
def test_a_public_storys_page_points_only_at_its_own_region(story, epaper_world, reader):
    page = epaper_world.story(PUBLIC if story == "public" else DRAFT_REVISION)
    live_url = type(page).objects.get(pk=page.pk).url  # the newer version may have another date
    text = reader.get(live_url).content.decode()
    assert re.search(rf'href="/editions/{PUBLIC_EDITION}/\d/#story-{page.pk}">刊于第{PUBLIC_EDITION}期第\d版', text)
    assert secrets_in(text) == []
