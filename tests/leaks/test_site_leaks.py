"""No reader page, list, feed or sitemap shows a story readers must not see (see world.py).

Each public path is fetched as an anonymous reader with the page cache on, as in production,
and must show what is public there (so an empty or broken page cannot pass) and none of the
hidden markers.
"""

import pytest

from bulletin.stories.models import StoryPage

from .world import (
    DRAFT_REVISION,
    GROUP,
    HIDDEN,
    HIDDEN_DAY,
    HIDDEN_EDITION,
    HIDDEN_PERSON,
    HIDDEN_TOPIC,
    LIVE_VERSION,
    LOGIN,
    PASSWORD,
    PUBLIC,
    PUBLIC_DAY,
    PUBLIC_EDITION,
    SCHEDULED_REVISION,
    SECRETS,
    TYPES,
)

pytestmark = pytest.mark.django_db

PUBLIC_TOPIC = "/topics/leak-public-topic/"
PUBLIC_PERSON = "/people/leak-public-person/"

# Every public path, with what it must show.
PUBLIC_PATHS = {
    "/": [PUBLIC, LIVE_VERSION],
    "/news/": [PUBLIC, LIVE_VERSION],
    "/notices/": [PUBLIC, LIVE_VERSION],
    "/briefs/": [PUBLIC, LIVE_VERSION],
    f"/archive/{PUBLIC_DAY.year}/{PUBLIC_DAY.month}/": [PUBLIC, LIVE_VERSION],
    "/archive/": [f"/archive/{PUBLIC_DAY.year}/{PUBLIC_DAY.month}/"],
    "/topics/": ["泄漏公开专题"],
    PUBLIC_TOPIC: [PUBLIC, LIVE_VERSION],
    f"{PUBLIC_TOPIC}feed/": [PUBLIC, LIVE_VERSION],
    "/people/": ["泄漏公开记者"],
    PUBLIC_PERSON: [PUBLIC, LIVE_VERSION],
    "/editions/": [f"/editions/{PUBLIC_EDITION}/"],
    f"/editions/{PUBLIC_EDITION}/": [PUBLIC, LIVE_VERSION],
    "/feed/": [PUBLIC, LIVE_VERSION],
    "/sitemap.xml": [f"/sitemap-stories-{PUBLIC_DAY.year}.xml", "/sitemap-topics.xml", "/sitemap-people.xml"],
    # "slug:…": the address of the story with that slug.
    f"/sitemap-stories-{PUBLIC_DAY.year}.xml": [f"slug:{PUBLIC}-article", "slug:revised-article"],
    "/sitemap-topics.xml": [PUBLIC_TOPIC],
    "/sitemap-people.xml": [PUBLIC_PERSON],
    "/sitemap-editions.xml": [f"/editions/{PUBLIC_EDITION}/"],
}

# Pages of a topic, person, edition or month that only hidden stories belong to.
HIDDEN_ONLY_PATHS = [
    f"/topics/{HIDDEN_TOPIC}/",
    f"/topics/{HIDDEN_TOPIC}/feed/",
    f"/people/{HIDDEN_PERSON}/",
    f"/editions/{HIDDEN_EDITION}/",
    f"/archive/{HIDDEN_DAY.year}/{HIDDEN_DAY.month}/",
    f"/sitemap-stories-{HIDDEN_DAY.year}.xml",
]


def secrets_in(text):
    return [secret for secret in SECRETS if secret in text]


@pytest.mark.parametrize("path", PUBLIC_PATHS)
def test_public_paths_show_public_stories_only(path, site_world, reader):
    for attempt in ("miss", "hit"):  # rendered, then served from the page cache
        response = reader.get(path)
        assert response.status_code == 200
        text = response.content.decode()
        assert [expected for expected in map(address, PUBLIC_PATHS[path]) if expected not in text] == [], attempt
        assert secrets_in(text) == [], attempt


def address(expected):
    if expected.startswith("slug:"):
        return StoryPage.objects.get(slug=expected.removeprefix("slug:")).url
    return expected


def test_the_archive_lists_no_month_with_only_hidden_stories(site_world, reader):
    text = reader.get("/archive/").content.decode()
    assert f"/archive/{HIDDEN_DAY.year}/{HIDDEN_DAY.month}/" not in text
    assert f"{HIDDEN_DAY.year}" not in text


def test_the_home_page_names_no_hidden_edition(site_world, reader):
    text = reader.get("/").content.decode()
    assert f"{HIDDEN_EDITION}" not in text


@pytest.mark.parametrize("path", HIDDEN_ONLY_PATHS)
def test_topic_person_edition_and_month_of_hidden_stories_do_not_exist(path, site_world, reader):
    response = reader.get(path)
    assert response.status_code == 404
    assert secrets_in(response.content.decode()) == []


@pytest.mark.parametrize("kind", TYPES)
@pytest.mark.parametrize(
    "marker", [m for m in HIDDEN if m not in (DRAFT_REVISION, SCHEDULED_REVISION, LOGIN, GROUP, PASSWORD)]
)
def test_a_hidden_storys_own_url_is_not_found(marker, kind, site_world, reader):
    response = reader.get(site_world.story(marker, kind).url)
    assert response.status_code == 404
    assert secrets_in(response.content.decode()) == []


@pytest.mark.parametrize("kind", TYPES)
@pytest.mark.parametrize("marker", [LOGIN, GROUP])
def test_a_login_restricted_story_sends_readers_to_log_in(marker, kind, site_world, reader):
    response = reader.get(site_world.story(marker, kind).url)
    assert response.status_code == 302
    assert "login" in response["Location"]
    assert secrets_in(response.content.decode()) == []


@pytest.mark.parametrize("kind", TYPES)
def test_a_password_protected_story_shows_only_the_password_form(kind, site_world, reader):
    path = site_world.story(PASSWORD, kind).url
    response = reader.get(path)
    assert response.status_code == 200
    text = response.content.decode()
    assert 'type="password"' in text
    # The form posts back to the address the reader typed; nothing else of the story is there.
    assert secrets_in(text.replace(path, "")) == []


@pytest.mark.parametrize("kind", TYPES)
@pytest.mark.parametrize("marker", [DRAFT_REVISION, SCHEDULED_REVISION])
def test_a_live_story_shows_its_published_version_not_the_newer_one(marker, kind, site_world, reader):
    story = site_world.story(marker, kind)
    # The address of the version readers see: the newer one has another date, so another address.
    response = reader.get(StoryPage.objects.get(pk=story.pk).url)
    assert response.status_code == 200
    text = response.content.decode()
    assert LIVE_VERSION in text
    assert secrets_in(text) == []
