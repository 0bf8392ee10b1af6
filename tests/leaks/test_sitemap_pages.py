"""The sitemap index and its pages, with pages of two URLs, over the world of hidden stories.

A crawler that follows the index must find every public story exactly once, on pages no longer
than SITEMAP_PAGE_SIZE, and no story, topic, person or edition readers must not see.
"""

from urllib.parse import urlsplit

import pytest

from bulletin.stories.models import StoryPage
from tests.sitemaps import local, page_locations, sitemap_pages

from .world import DRAFT_REVISION, PUBLIC, PUBLIC_DAY, SCHEDULED_REVISION, SECRETS, TYPES

pytestmark = pytest.mark.django_db

PAGE_SIZE = 2


@pytest.fixture
def small_pages(settings):
    settings.SITEMAP_PAGE_SIZE = PAGE_SIZE


def test_the_index_pages_are_bounded_and_list_every_public_story_once(site_world, reader, small_pages):
    pages = sitemap_pages(reader)
    locations = []
    for page in pages:
        on_page = page_locations(reader, page)
        assert 1 <= len(on_page) <= PAGE_SIZE, page
        locations += on_page
    paths = [urlsplit(location).path for location in locations]

    # The addresses of the versions readers see (a newer version has another date, so another address).
    public_stories = [
        StoryPage.objects.get(pk=site_world.story(marker, kind).pk).url
        for marker in (PUBLIC, DRAFT_REVISION, SCHEDULED_REVISION)
        for kind in TYPES
    ]
    assert sorted(path for path in paths if path.startswith("/news/") and path != "/news/") == sorted(public_stories)
    assert len(paths) == len(set(paths))
    assert [secret for secret in SECRETS if any(secret in location for location in locations + pages)] == []
    # Nine public stories, all of one year, on pages of two: five pages of that year.
    assert len([page for page in pages if f"/sitemap-stories-{PUBLIC_DAY.year}.xml" in page]) == 5


def test_a_page_past_the_end_is_not_found_and_one_not_a_number_is_the_first(site_world, reader, small_pages):
    last = [page for page in sitemap_pages(reader) if "sitemap-stories-" in page][-1]
    assert reader.get(local(last)).status_code == 200
    section = urlsplit(last).path
    for p in ("6", "0", "-1", "99999999999999999999"):
        assert reader.get(f"{section}?p={p}").status_code == 404, p
    first = reader.get(section)
    assert reader.get(f"{section}?p=abc").content == first.content
    for path in (
        "/sitemap-stories-0.xml",
        "/sitemap-stories-99999.xml",
        "/sitemap-stories-x.xml",
        "/sitemap-nothing.xml",
    ):
        assert reader.get(path).status_code == 404, path
