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


def test_filtering_on_a_month_only_hidden_stories_have_finds_nothing(engine, world, reader):
    body = api(reader, q=SHARED_WORD, year=HIDDEN_DAY.year, month=HIDDEN_DAY.month).json()
    assert body["count"] == 0
    assert body["results"] == []


# A name that only hidden stories carry, and one nobody ever used: the answers must not differ.
NAMES = [
    ("topic", HIDDEN_TOPIC, "leaktopicnever"),
    ("person", HIDDEN_PERSON, "leakpersonnever"),
    ("edition", HIDDEN_EDITION, HIDDEN_EDITION + 777),
]


@pytest.mark.parametrize("name, hidden, unknown", NAMES, ids=[name for name, *_ in NAMES])
def test_a_name_only_hidden_stories_have_is_refused_as_an_unknown_one(name, hidden, unknown, engine, world, reader):
    answers = []
    for value in (hidden, unknown):
        response = reader.get("/api/search/", {"q": SHARED_WORD, name: value})
        page = reader.get("/search/", {"q": SHARED_WORD, name: value})
        assert response.status_code == page.status_code == 400
        body = response.json()
        assert list(body["errors"]) == [name]
        assert body["error"] in page.content.decode()
        answers.append(body["error"].replace(str(value), "NAME"))
    assert answers[0] == answers[1]


def test_a_name_public_stories_have_filters_them(engine, world, reader):
    for name, value in [
        ("topic", world.public_topic.slug),
        ("person", world.public_person.slug),
        ("edition", world.public_edition.number),
    ]:
        body = api(reader, q=SHARED_WORD, **{name: value}).json()
        assert body["count"] == world.public_count, name


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
    live_url = type(story).objects.get(pk=story.pk).url  # the newer version may have another date
    body = api(reader, q=SHARED_WORD).json()
    [result] = [r for r in body["results"] if r["url"].endswith(live_url)]

    assert result["title"] == text_for(LIVE_VERSION, "article")
    assert secrets_in(str(result)) == []


def test_the_empty_search_page_offers_public_topics_only(engine, world, reader):
    response = reader.get("/search/")

    assert response.status_code == 200
    text = response.content.decode()
    assert "泄漏公开专题" in text
    assert secrets_in(text) == []
