"""GET /api/editions/<number>/: the 数字报 of an edition as JSON, with only what readers may see."""

import pytest
from django.test import override_settings
from wagtail.models import PageViewRestriction

from bulletin.epaper.models import StoryRegion
from bulletin.importing.models import ImportedStory
from tests.conftest import SEED_EDITION
from tests.epaper.conftest import SEED_DATE
from tests.epaper.printing import iou
from tests.files.conftest import rebuild

pytestmark = pytest.mark.django_db


def story(order):
    return ImportedStory.objects.get(source_key=f"edition/1/{order}").story.specific


@pytest.fixture
def published(run, edition_pdf):
    run("import_edition", SEED_EDITION, "--date", SEED_DATE, "--number", 1, "--pages", edition_pdf, "--publish")


def stories_by_title(data):
    return {s["title"]: (page["number"], s) for page in data["pages"] for s in page["stories"]}


def test_the_edition_as_pages_with_their_stories_and_regions(client, published, printed):
    response = client.get("/api/editions/1/")

    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    data = response.json()
    assert set(data) == {"number", "date", "pages"}
    assert (data["number"], data["date"]) == (1, "2023-11-28")
    assert [page["label"] for page in data["pages"]] == ["第1版", "第2版", "第3版", "第4版"]
    for page in data["pages"]:
        assert set(page) == {"number", "label", "width", "height", "image", "thumbnail", "pdf", "stories"}
        assert (page["width"], page["height"]) == (842, 1191)
        for url in (page["image"], page["thumbnail"], page["pdf"]):
            assert url.startswith(f"/media/epaper/1/{page['number']}/")
    assert data["pages"][3]["stories"] == []  # the scanned page: nothing found, nothing drawn yet
    found = stories_by_title(data)
    assert len(found) == 14
    for order in printed.stories:
        page, true_boxes = printed.fractions(order)
        number, entry = found[story(order).title]
        assert number == page
        assert set(entry) == {"title", "url", "regions"}
        assert entry["url"] == story(order).url
        for region in entry["regions"]:
            x0, y0, x1, y1 = region
            assert 0 <= x0 < x1 <= 1 and 0 <= y0 < y1 <= 1
        assert iou(entry["regions"], true_boxes) >= 0.8, order


@pytest.fixture
def media_served():
    """The site as production runs it without nginx: Django serves the public media files."""
    import bulletin.urls

    with override_settings(SERVE_MEDIA=True):
        rebuild(bulletin.urls)
        yield
    rebuild(bulletin.urls)


def test_the_page_files_it_names_are_served(client, published, media_served):
    page = client.get("/api/editions/1/").json()["pages"][0]
    for url, start in ((page["image"], b"RIFF"), (page["thumbnail"], b"RIFF"), (page["pdf"], b"%PDF")):
        response = client.get(url)
        assert response.status_code == 200, url
        assert b"".join(response.streaming_content).startswith(start)


def test_hidden_and_unpublished_stories_are_not_in_it(client, published):
    unpublished, private = story(2), story(3)
    unpublished.unpublish()
    PageViewRestriction.objects.create(page=private, restriction_type=PageViewRestriction.LOGIN)

    body = client.get("/api/editions/1/").content.decode()

    for hidden in (unpublished, private):
        assert hidden.title not in body
        assert hidden.url_path.rstrip("/").rsplit("/", 1)[-1] not in body
    data = client.get("/api/editions/1/").json()
    assert len(stories_by_title(data)) == 12
    # Their regions are still there for the editors: only readers do not get them.
    assert StoryRegion.objects.filter(story__in=[unpublished, private]).exists()


def test_an_edition_without_a_public_story_is_not_found(client, run, edition_pdf):
    run("import_edition", SEED_EDITION, "--date", SEED_DATE, "--number", 1, "--pages", edition_pdf)  # drafts

    for number in (1, 2):
        response = client.get(f"/api/editions/{number}/")
        assert response.status_code == 404
        assert response.json() == {"error": f"没有第{number}期。"}


def test_a_region_an_editor_moves_shows_at_once(client, published):
    before = stories_by_title(client.get("/api/editions/1/").json())[story(9).title][1]["regions"]
    region = StoryRegion.objects.filter(story=story(9)).first()
    region.x0, region.y0, region.x1, region.y1, region.adjusted = 0.5, 0.5, 0.6, 0.6, True
    region.save()

    after = stories_by_title(client.get("/api/editions/1/").json())[story(9).title][1]["regions"]

    assert after != before
    assert [0.5, 0.5, 0.6, 0.6] in after
