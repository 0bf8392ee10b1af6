import datetime
import re

import pytest
from django.urls import reverse
from django.utils.html import strip_tags

from bulletin.stories.listing import STORIES_PER_PAGE

pytestmark = pytest.mark.django_db


def byline_html(page):
    match = re.search(r'<p class="byline">(.*?)</p>', page)
    assert match, "no byline"
    return match.group(1)


def test_byline_reads_like_print_and_links_each_person(client, newsroom):
    wang, cui, ji = newsroom.person("王明玥"), newsroom.person("崔惠霞"), newsroom.person("冀市里")
    story = newsroom.article("“服务圈”串联“生活圈”", bylines=[(wang, "记者"), (cui, "通讯员"), (ji, "通讯员")])
    byline = byline_html(client.get(story.url).content.decode())
    assert strip_tags(byline) == "(记者 王明玥 通讯员 崔惠霞 冀市里)"
    for person in (wang, cui, ji):
        assert f'<a href="{person.get_absolute_url()}">{person.name}</a>' in byline


def test_role_word_repeats_only_when_the_role_changes_back(client, newsroom):
    names = ["李立营", "罗浩", "吴浩晨", "王浩"]
    people = [newsroom.person(name) for name in names]
    roles = ["记者", "记者", "通讯员", "摄影"]
    story = newsroom.brief("简讯", bylines=list(zip(people, roles)))
    byline = byline_html(client.get(story.url).content.decode())
    assert strip_tags(byline) == "(记者 李立营 罗浩 通讯员 吴浩晨 摄影 王浩)"


def test_story_without_bylines_has_no_byline(client, newsroom):
    story = newsroom.article("没有署名")
    assert '<p class="byline">' not in client.get(story.url).content.decode()


def test_lists_show_bylines_too(client, newsroom):
    newsroom.brief("简讯一则", bylines=[(newsroom.person("曹晓盼"), "记者"), (newsroom.person("王华歌"), "通讯员")])
    page = client.get(reverse("stories:briefs")).content.decode()
    assert strip_tags(byline_html(page)) == "(记者 曹晓盼 通讯员 王华歌)"


@pytest.fixture
def many_briefs(newsroom):
    start = datetime.date(2023, 1, 1)
    # One more than a page, newest first: 简讯0 is the newest, the last one is alone on page 2.
    return [
        newsroom.brief(f"第{n}条简讯", date=start - datetime.timedelta(days=n), topics=["民生"])
        for n in range(STORIES_PER_PAGE + 1)
    ]


def titles_on(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    return re.findall(r'<h2 class="card__title"><a href="[^"]+">(第\d+条简讯)</a>', response.content.decode())


def test_lists_are_paginated(client, many_briefs):
    for url in (reverse("stories:briefs"), "/news/", reverse("topics:detail", args=["民生"])):
        first = titles_on(client, url)
        assert len(first) == STORIES_PER_PAGE and first[0] == "第0条简讯", url
        page = client.get(url).content.decode()
        assert 'href="?page=2" rel="next"' in page and "第 1 / 2 页" in page, url
        assert titles_on(client, url + "?page=2") == [f"第{STORIES_PER_PAGE}条简讯"], url


def test_bad_page_numbers_never_fail(client, many_briefs):
    url = reverse("stories:briefs")
    # Past the end: the last page.
    for number in ("999", "0", "-1", "99999999999999999999999"):
        assert titles_on(client, f"{url}?page={number}") == [f"第{STORIES_PER_PAGE}条简讯"], number
    # Not a number: the first page.
    for number in ("abc", "", "1.5", "%00"):
        assert titles_on(client, f"{url}?page={number}")[0] == "第0条简讯", number
