"""robots.txt, the favicon and touch icon, and the Google News sitemap, fetched as crawlers fetch them."""

import datetime
import io
import xml.etree.ElementTree as ET

import pytest
from django.urls import reverse
from django.utils import timezone
from PIL import Image as PILImage

from tests.sitemaps import local, sitemap_pages

pytestmark = pytest.mark.django_db

SITE = "https://news.example.cn"
NS = {
    "sm": "http://www.sitemaps.org/schemas/sitemap/0.9",
    "news": "http://www.google.com/schemas/sitemap-news/0.9",
}


@pytest.fixture(autouse=True)
def site_url(settings):
    settings.SITE_URL = SITE


def test_robots_txt_names_the_sitemap_and_keeps_crawlers_out_of_admin_and_search(client):
    response = client.get("/robots.txt")
    assert response.status_code == 200
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    lines = response.content.decode().splitlines()
    assert lines[0] == "User-agent: *"
    assert {line for line in lines if line.startswith("Disallow:")} == {
        "Disallow: /admin/",
        "Disallow: /search/",
        "Disallow: /api/search/",
    }
    assert f"Sitemap: {SITE}/sitemap.xml" in lines
    assert "Disallow: /" not in lines  # the site itself stays open


def test_robots_txt_is_cached_like_a_page(client, settings):
    settings.PAGE_CACHE_TIMEOUT = 60
    assert client.get("/robots.txt")["X-Page-Cache"] == "miss"
    assert client.get("/robots.txt?x=1")["X-Page-Cache"] == "hit"


def test_favicon_and_touch_icon_are_images(client):
    response = client.get("/favicon.ico")
    assert response.status_code == 200
    with PILImage.open(io.BytesIO(b"".join(response.streaming_content))) as icon:
        assert icon.format == "ICO"
        assert {(16, 16), (32, 32), (48, 48)} <= set(icon.info["sizes"])
    from django.contrib.staticfiles import finders

    with PILImage.open(finders.find("img/apple-touch-icon.png")) as touch:
        assert (touch.format, touch.size) == ("PNG", (180, 180))


@pytest.fixture
def stories(newsroom):
    today = timezone.localdate()
    return {
        "today": newsroom.article('今天的"新闻" & <要闻>\x0c', date=today),
        "yesterday": newsroom.brief("昨天的简讯", date=today - datetime.timedelta(days=1)),
        "three days old": newsroom.article("三天前的新闻", date=today - datetime.timedelta(days=3)),
        "hidden": newsroom.article("未发布的新闻", date=today, publish=False),
        "restricted": newsroom.article("加密的新闻", date=today, restricted=True),
    }


def news_sitemap(client):
    (url,) = [page for page in sitemap_pages(client) if page.endswith("/sitemap-news.xml")]
    assert url == f"{SITE}/sitemap-news.xml"
    response = client.get(local(url))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/xml")
    return ET.fromstring(response.content)  # parses, or the test fails here


def test_news_sitemap_lists_the_last_two_days_public_stories(client, stories):
    entries = news_sitemap(client).findall("sm:url", NS)
    by_location = {entry.findtext("sm:loc", namespaces=NS): entry for entry in entries}
    assert set(by_location) == {SITE + stories["today"].url, SITE + stories["yesterday"].url}

    today = by_location[SITE + stories["today"].url]
    news = today.find("news:news", NS)
    assert news.findtext("news:publication/news:name", namespaces=NS) == "上街新闻"
    assert news.findtext("news:publication/news:language", namespaces=NS) == "zh-cn"
    # What XML cannot hold is gone; the rest of the title is kept as text.
    assert news.findtext("news:title", namespaces=NS) == '今天的"新闻" & <要闻>'
    published = news.findtext("news:publication_date", namespaces=NS)
    assert published == timezone.localtime(stories["today"].first_published_at).replace(microsecond=0).isoformat()
    assert published.endswith("+08:00")

    # Published yesterday's story today: it carries its own date, at the start of the day.
    yesterday = by_location[SITE + stories["yesterday"].url].find("news:news", NS)
    assert datetime.datetime.fromisoformat(yesterday.findtext("news:publication_date", namespaces=NS)) == (
        timezone.make_aware(datetime.datetime.combine(stories["yesterday"].date, datetime.time.min))
    )


def test_news_sitemap_is_left_out_of_the_index_when_no_story_is_recent(client, newsroom):
    newsroom.article("旧闻", date=datetime.date(2023, 11, 28))
    assert [page for page in sitemap_pages(client) if page.endswith("/sitemap-news.xml")] == []
    assert client.get(reverse("stories:sitemap-section", args=["news"])).status_code == 404
