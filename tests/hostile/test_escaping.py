"""Markup in titles, bylines, topics, editions, corrections and imported files is shown as text on
every reader page, never run (see world.py)."""

import xml.etree.ElementTree as ET

import pytest

from .world import RAW_TAGS

pytestmark = pytest.mark.django_db

# Every reader page, with the fields whose escaped payload it must show.
PAGES = {
    "/": ["title", "brief"],
    "/news/": ["title", "byline"],
    "/notices/": ["title"],
    "/briefs/": ["brief"],
    "/archive/2023/11/": ["title"],
    "/topics/": ["topic"],
    "/topics/hostile-topic/": ["topic", "title"],
    "/people/": ["byline"],
    "/people/hostile-person/": ["byline", "title"],
    "/editions/": ["edition"],
    "/editions/7001/": ["edition", "title"],
    "/editions/7002/": ["imported"],
    "/news/hostile-article/": ["title", "subtitle", "column", "byline", "topic", "correction", "issuer"],
    "/news/hostile-brief/": ["brief", "byline", "correction"],
}
FEEDS = ["/feed/", "/topics/hostile-topic/feed/"]


def escaped(field):
    return f"&lt;x-{field}"


def unescaped_tags(text):
    return [tag for tag in RAW_TAGS if tag in text]


@pytest.mark.parametrize("path", PAGES)
def test_markup_in_content_is_shown_as_text(path, site_world, reader):
    response = reader.get(path, follow=True)  # a story's slug address moves on to its short one

    assert response.status_code == 200
    html = response.content.decode()
    assert unescaped_tags(html) == []
    assert "<script>alert" not in html
    assert [field for field in PAGES[path] if escaped(field) not in html] == []


def test_imported_markup_is_kept_as_text(site_world, reader):
    story_url = next(line for line in reader.get("/editions/7002/").content.decode().split('"') if "/news/" in line)
    html = reader.get(story_url).content.decode()

    assert unescaped_tags(html) == [] and "<script>alert" not in html
    assert escaped("imported") in html
    assert "&lt;script&gt;alert(&quot;imported&quot;)&lt;/script&gt;" in html


@pytest.mark.parametrize("path", FEEDS)
def test_feed_entries_carry_markup_as_text(path, site_world, reader):
    feed = ET.fromstring(reader.get(path).content)
    items = list(feed.iter("item"))
    assert items
    for item in items:
        # The description is HTML for the feed reader to render: markup there must be escaped.
        description = item.findtext("description") or ""
        assert unescaped_tags(description) == []
    descriptions = " ".join(item.findtext("description") or "" for item in items)
    assert escaped("correction") in descriptions


def test_a_query_with_markup_is_shown_as_text(site_world, reader):
    query = '<x-query onmouseover="alert(1)">'
    html = reader.get("/search/", {"q": query}).content.decode()
    assert "<x-query" not in html
    assert "&lt;x-query" in html


def test_an_invalid_filter_with_markup_is_reported_as_text(site_world, reader):
    response = reader.get("/search/", {"q": "城管", "topic": '<x-query onmouseover="alert(1)">'})
    assert response.status_code in (200, 400)
    html = response.content.decode()
    assert "<x-query" not in html
