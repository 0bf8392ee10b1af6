"""Reader search finds no story readers must not see, on either engine (see world.py, conftest.py).

Every story carries SHARED_WORD, so one search reaches all of them: the public ones must be
found, and no hidden marker may be in the results, the facets or their counts, or the
suggestions. Searching for a hidden story's own marker must find nothing.
"""

import pytest

from .world import (
    DRAFT_REVISION,
    HIDDEN,
    HIDDEN_DAY,
    HIDDEN_EDITION,
    HIDDEN_PERSON,
    HIDDEN_TOPIC,
    LIVE_VERSION,
    PUBLIC,
    SCHEDULED_REVISION,
    SECRETS,
    SHARED_WORD,
    TYPES,
    text_for,
)

pytestmark = pytest.mark.django_db


def secrets_in(text):
    return [secret for secret in SECRETS if secret in text]


def answered_by(response, engine):
    """The engine that served the search; Elasticsearch must not quietly hand over to the other."""
    return response["X-Search-Engine"] == engine


def api(reader, **params):
    response = reader.get("/api/search/", {"page_size": 100, **params})
    assert response.status_code == 200, response.content.decode()
    return response


def test_the_search_page_finds_public_stories_only(engine, world, reader):
    response = reader.get("/search/", {"q": SHARED_WORD})

    assert answered_by(response, engine)
    text = response.content.decode()
    assert PUBLIC in text and LIVE_VERSION in text
    assert secrets_in(text) == []


def test_the_search_api_finds_public_stories_only(engine, world, reader):
    response = api(reader, q=SHARED_WORD)

    assert answered_by(response, engine)
    body = response.json()
    assert body["count"] == world.public_count
    titles = sorted(result["title"] for result in body["results"])
    assert titles == sorted(
        [text_for(PUBLIC, kind) for kind in TYPES] + [text_for(LIVE_VERSION, kind) for kind in TYPES] * 2
    )
    assert secrets_in(response.content.decode()) == []


def test_facet_counts_count_public_stories_only(engine, world, reader):
    facets = api(reader, q=SHARED_WORD).json()["facets"]

    assert {value["value"]: value["count"] for value in facets["kind"]} == {"article": 3, "notice": 3, "brief": 3}
    assert sum(value["count"] for value in facets["year"]) == world.public_count
    assert str(HIDDEN_DAY.year) not in [value["value"] for value in facets["year"]]
    assert str(HIDDEN_EDITION) not in [value["value"] for value in facets["edition"]]
    assert HIDDEN_TOPIC not in [value["value"] for value in facets["topic"]]
    assert not [value for value in facets["person"] if value["value"].startswith(HIDDEN_PERSON)]


@pytest.mark.parametrize(
    "params",
    [
        {"topic": HIDDEN_TOPIC},
        {"person": HIDDEN_PERSON},
        {"edition": HIDDEN_EDITION},
        {"year": HIDDEN_DAY.year, "month": HIDDEN_DAY.month},
    ],
    ids=["topic", "person", "edition", "month"],
)
def test_filtering_on_what_only_hidden_stories_have_finds_nothing(params, engine, world, reader):
    response = reader.get("/api/search/", {"q": SHARED_WORD, **params})

    # Either refused as an unknown filter value or answered with nothing; never the stories.
    assert response.status_code in (200, 400)
    if response.status_code == 200:
        assert response.json()["count"] == 0
        assert response.json()["results"] == []


@pytest.mark.parametrize("marker", HIDDEN)
def test_searching_for_a_hidden_story_finds_nothing(marker, engine, world, reader):
    response = api(reader, q=marker)
    assert response.json()["count"] == 0
    assert response.json()["results"] == []
    assert all(value["count"] == 0 for values in response.json()["facets"].values() for value in values)

    page = reader.get("/search/", {"q": marker}).content.decode()
    assert [kind for kind in TYPES if text_for(marker, kind) in page] == []


def test_suggestions_offer_public_titles_only(engine, world, reader):
    response = reader.get("/api/search/suggest/", {"q": SHARED_WORD})

    assert response.status_code == 200
    titles = [suggestion["title"] for suggestion in response.json()["suggestions"]]
    assert titles and all(PUBLIC in title or LIVE_VERSION in title for title in titles)
    assert secrets_in(" ".join(titles)) == []


@pytest.mark.parametrize("marker", HIDDEN)
def test_typing_a_hidden_title_suggests_nothing(marker, engine, world, reader):
    response = reader.get("/api/search/suggest/", {"q": f"{SHARED_WORD} {marker}"})

    assert response.status_code == 200
    assert response.json()["suggestions"] == []


@pytest.mark.parametrize("marker", [DRAFT_REVISION, SCHEDULED_REVISION])
def test_search_shows_the_published_version_of_a_story_with_a_newer_one(marker, engine, world, reader):
    story = world.story(marker, "article")
    body = api(reader, q=SHARED_WORD).json()
    [result] = [r for r in body["results"] if r["url"].endswith(story.url)]

    assert result["title"] == text_for(LIVE_VERSION, "article")
    assert secrets_in(str(result)) == []


def test_the_empty_search_page_offers_public_topics_only(engine, world, reader):
    response = reader.get("/search/")

    assert response.status_code == 200
    text = response.content.decode()
    assert "泄漏公开专题" in text
    assert secrets_in(text) == []
