"""The seed edition, imported and published the way the newsroom does it, as readers then see it."""

import re
import xml.etree.ElementTree as ET
from urllib.parse import urlsplit

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils.html import strip_tags

from bulletin.stories.models import ArticlePage, StoryPage
from tests.sitemaps import sitemap_locations

pytestmark = pytest.mark.django_db


@pytest.fixture
def seed_edition(seed_edition_path):
    call_command("import_edition", str(seed_edition_path), "--date", "2023-11-28", "--publish", verbosity=0)


def story_titles(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    return [strip_tags(title) for title in re.findall(r'class="card__title">(.*?)</h[23]>', response.content.decode())]


def test_topic_pages_list_the_seed_editions_stories(client, seed_edition):
    expected = {
        "助残": "助残暖冬行",
        "城管": "区城管局：聚焦民生实事 推动主题教育见行见效",
        "外事": "一卡在手 说走就走 区委外事服务中心助力企业拓展国际市场",
    }
    for topic, title in expected.items():
        assert title in story_titles(client, reverse("topics:detail", args=[topic])), topic


def test_seed_edition_page_and_bylines(client, seed_edition):
    edition_url = client.get(reverse("editions:index")).content.decode()
    number = re.search(r'href="/editions/(\d+)/"', edition_url).group(1)
    titles = story_titles(client, reverse("editions:detail", args=[number]))
    assert titles[0] == "“服务圈”串联“生活圈” 构筑“幸福圈”"  # print order
    page = client.get("/").content.decode()
    assert "(记者 王明玥 通讯员 崔惠霞 冀市里)" in strip_tags(page)


def test_story_page_byline_links_each_person_to_a_page_listing_the_story(client, seed_edition):
    story = ArticlePage.objects.get(title="“服务圈”串联“生活圈” 构筑“幸福圈”")
    byline = re.search(r'<p class="byline">(.*?)</p>', client.get(story.url).content.decode()).group(1)
    assert strip_tags(byline) == "(记者 王明玥 通讯员 崔惠霞 冀市里)"
    links = re.findall(r'<a href="([^"]+)">([^<]+)</a>', byline)
    assert [name for __, name in links] == ["王明玥", "崔惠霞", "冀市里"]
    for url, name in links:
        assert story.title in story_titles(client, url), name


def test_notices_and_briefs_pages(client, seed_edition):
    assert story_titles(client, reverse("stories:notices")) == ["提醒！下月起销售食用农产品不得使用“生鲜灯”"]
    briefs = client.get(reverse("stories:briefs")).content.decode()
    assert briefs.count('class="card__title"') == 5
    bylines = [strip_tags(byline) for byline in re.findall(r'<p class="byline">(.*?)</p>', briefs)]
    assert "(记者 冯佳雯 通讯员 王煜睿 聂艳萍)" in bylines and len(bylines) == 5


def test_every_seed_story_is_in_the_sitemap_and_the_feeds(client, seed_edition):
    stories = list(StoryPage.objects.all())
    assert len(stories) == 14
    paths = {urlsplit(location).path for location in sitemap_locations(client)}
    assert {story.url for story in stories} <= paths
    feed = ET.fromstring(client.get(reverse("stories:feed")).content)
    assert {item.findtext("title") for item in feed.iter("item")} == {story.title for story in stories}
    topic_feed = ET.fromstring(client.get(reverse("topics:feed", args=["助残"])).content)
    assert [item.findtext("title") for item in topic_feed.iter("item")] == ["助残暖冬行"]
