"""The seed edition, imported and published the way the newsroom does it, as readers then see it."""

import re

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils.html import strip_tags

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
