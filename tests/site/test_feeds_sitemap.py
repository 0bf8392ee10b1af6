"""RSS feeds and sitemap.xml, read the way a feed reader and a crawler read them."""

import datetime
import xml.etree.ElementTree as ET
from urllib.parse import urlsplit

import pytest
from django.urls import reverse

from tests.sitemaps import sitemap_locations

pytestmark = pytest.mark.django_db


@pytest.fixture
def content(newsroom):
    reporter = newsroom.person("冯佳雯")
    edition = newsroom.edition(1289)
    article = newsroom.article(
        "助残暖冬行",
        date=datetime.date(2023, 11, 28),
        edition=edition,
        bylines=[(reporter, "记者"), (newsroom.person("禹明月"), "通讯员")],
        topics=["助残", "民生"],
        corrections=[
            {"date": datetime.date(2023, 11, 30), "type": "更正", "text": "黄女士的假肢于10月安装。"},
            {"date": datetime.date(2023, 12, 2), "type": "更新", "text": "补充了残联的联系电话。"},
        ],
    )
    brief = newsroom.brief("区民政局开展国防教育主题讲座", date=datetime.date(2023, 11, 27), edition=edition)
    return {"article": article, "brief": brief, "edition": edition, "reporter": reporter}


def feed_items(client, url):
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/rss+xml")
    return ET.fromstring(response.content).find("channel").findall("item")


def test_site_feed_lists_public_stories_newest_first_with_corrections(client, content):
    items = feed_items(client, reverse("stories:feed"))
    assert [item.findtext("title") for item in items] == ["助残暖冬行", "区民政局开展国防教育主题讲座"]
    article = items[0]
    assert urlsplit(article.findtext("link")).path == content["article"].url
    description = article.findtext("description")
    assert "更正（2023年11月30日）：黄女士的假肢于10月安装。" in description
    assert "更新（2023年12月2日）：补充了残联的联系电话。" in description
    assert [c.text for c in article.findall("category")] == ["助残", "民生"]
    assert article.findtext("{http://purl.org/dc/elements/1.1/}creator") == "记者 冯佳雯 通讯员 禹明月"


def test_feed_author_is_the_print_byline(client, newsroom):
    newsroom.article(
        "上街区：走好创新驱动高质量发展之路",
        bylines=[
            (newsroom.person("李立营"), "记者"),
            (newsroom.person("罗浩"), "记者"),
            (newsroom.person("吴浩晨"), "通讯员"),
        ],
    )
    [item] = feed_items(client, reverse("stories:feed"))
    assert item.findtext("{http://purl.org/dc/elements/1.1/}creator") == "记者 李立营 罗浩 通讯员 吴浩晨"


def test_topic_feed_lists_only_that_topics_stories(client, content):
    items = feed_items(client, reverse("topics:feed", args=["助残"]))
    assert [item.findtext("title") for item in items] == ["助残暖冬行"]


def test_pages_link_their_feeds(client, content):
    home = client.get("/").content.decode()
    assert (
        f'<link rel="alternate" type="application/rss+xml" title="上街新闻 最新稿件" href="{reverse("stories:feed")}">'
        in home
    )
    topic = client.get(reverse("topics:detail", args=["助残"])).content.decode()
    assert f'href="{reverse("topics:feed", args=["助残"])}"' in topic


def sitemap_paths(client):
    return [urlsplit(location).path for location in sitemap_locations(client)]


def test_sitemap_lists_stories_topics_people_and_editions(client, content):
    paths = sitemap_paths(client)
    for expected in (
        "/",
        "/news/",
        content["article"].url,
        content["brief"].url,
        reverse("topics:detail", args=["助残"]),
        content["reporter"].get_absolute_url(),
        content["edition"].get_absolute_url(),
        reverse("stories:notices"),
    ):
        assert expected in paths
    assert reverse("topics:detail", args=["消防"]) not in paths  # no public story yet
    assert len(paths) == len(set(paths))


def test_every_sitemap_url_renders(client, content):
    paths = sitemap_paths(client)
    assert len(paths) > 10
    for path in paths:
        assert client.get(path).status_code == 200, path
