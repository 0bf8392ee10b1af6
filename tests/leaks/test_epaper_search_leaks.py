"""Search results show the 数字报 crop of public stories only, on either engine: every story of
the world has a region (epaper.py), and one search reaches them all."""

import re

import pytest

from bulletin.stories.models import StoryPage

from .epaper import add_printed_pages
from .world import SECRETS, SHARED_WORD

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def epaper_world(world, django_db_blocker):
    with django_db_blocker.unblock():  # inside the world's transaction, rolled back with it
        add_printed_pages(world)
    return world


def test_search_results_crop_the_regions_of_public_stories_only(engine, epaper_world, reader):
    response = reader.get("/search/", {"q": SHARED_WORD, "page_size": 100})
    assert response["X-Search-Engine"] == engine
    text = response.content.decode()
    cropped = {int(pk) for pk in re.findall(r'class="search-result__print" href="[^"#]+#story-(\d+)"', text)}
    printed = StoryPage.objects.for_readers().filter(print_regions__isnull=False)
    public = set(printed.values_list("pk", flat=True))
    assert cropped == public and len(public) == epaper_world.public_count
    assert [secret for secret in SECRETS if secret in text] == []
