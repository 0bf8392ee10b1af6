"""An edition imported as drafts (import_edition without --publish) stays unseen, on both engines,
until an editor publishes it; its people, topics and edition appear only with their stories."""

import datetime
import io

import pytest
from django.core.management import call_command

from bulletin.editions.models import Edition
from bulletin.stories.models import StoryPage

from .engines import ENGINES, search_engine

pytestmark = pytest.mark.django_db

SEED_DATE = datetime.date(2023, 11, 28)
READER_PATHS = [
    "/",
    "/news/",
    "/notices/",
    "/briefs/",
    "/archive/",
    "/feed/",
    "/sitemap.xml",
    "/topics/",
    "/people/",
    "/editions/",
]


@pytest.fixture(params=ENGINES)
def engine(request, db, settings):
    settings.PAGE_CACHE_TIMEOUT = 600  # as in production: publishing must clear what was cached
    with search_engine(request.param):
        yield request.param


@pytest.fixture
def imported(engine, seed_edition_path):
    call_command("import_edition", str(seed_edition_path), date=SEED_DATE, stdout=io.StringIO(), stderr=io.StringIO())
    stories = list(StoryPage.objects.all())
    assert stories and not any(story.live for story in stories)
    return stories


def shown_titles(client, stories, engine):
    """Titles of ``stories`` any reader path, search or suggestion shows."""
    pages = [client.get(path).content.decode() for path in READER_PATHS]
    edition = Edition.objects.get(date=SEED_DATE)
    pages.append(client.get(f"/editions/{edition.number}/").content.decode())
    for word in ("街道", "服务", "区"):
        response = client.get("/api/search/", {"q": word})
        assert response["X-Search-Engine"] == engine
        pages.append(response.content.decode())
        pages.append(client.get("/api/search/suggest/", {"q": word}).content.decode())
    return {story.title for story in stories if any(story.title in page for page in pages)}


def test_an_edition_imported_as_drafts_is_not_shown_until_published(imported, engine, client):
    assert shown_titles(client, imported, engine) == set()
    edition = Edition.objects.get(date=SEED_DATE)
    assert client.get(f"/editions/{edition.number}/").status_code == 404

    first = imported[0]
    first.get_latest_revision().publish()

    assert shown_titles(client, imported, engine) == {first.title}
    assert client.get(f"/editions/{edition.number}/").status_code == 200
