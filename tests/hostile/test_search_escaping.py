"""Search results show markup in titles and text as text, on both engines (see world.py)."""

import pytest

from .world import RAW_TAGS

pytestmark = pytest.mark.django_db


def unescaped_tags(text):
    return [tag for tag in RAW_TAGS if tag in text]


def test_the_search_page_shows_markup_in_results_as_text(engine, world, reader):
    response = reader.get("/search/", {"q": "恶意"})

    assert response["X-Search-Engine"] == engine
    html = response.content.decode()
    assert "&lt;x-title" in html  # the hostile article is among the results …
    assert unescaped_tags(html) == []  # … with its markup escaped, highlighting included


def test_api_snippets_are_escaped_html(engine, world, reader):
    response = reader.get("/api/search/", {"q": "简讯正文"})

    assert response["X-Search-Engine"] == engine
    assert response["Content-Type"].startswith("application/json")
    [result] = response.json()["results"]
    # Titles are plain text for the client to escape; snippets are HTML, so escaped already.
    assert result["title"] == "恶意简讯"
    assert "&lt;x-brief" in result["snippet"]
    assert unescaped_tags(result["snippet"]) == []


def test_suggestions_are_plain_text_in_json(engine, world, reader):
    response = reader.get("/api/search/suggest/", {"q": "恶意标题"})

    assert response["Content-Type"].startswith("application/json")
    [suggestion] = response.json()["suggestions"]
    assert suggestion["title"].startswith("恶意标题<x-title")
