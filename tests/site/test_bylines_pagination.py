import datetime
import re
from html import unescape

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


def visible_text(fragment):
    return strip_tags(re.sub(r'<span class="visually-hidden">.*?</span>', "", fragment))


def pagination(page):
    """The pagination a reader sees: [(visible label, href, current)] of its links, and the jump
    form's hidden fields and its largest page number."""
    nav = re.search(r'<nav class="pagination".*?</nav>', page, re.S)
    if not nav:
        return None
    nav = nav.group(0)
    links = [
        (visible_text(label), unescape(href), "aria-current" in attrs)
        for href, attrs, label in re.findall(r'<a class="pagination__\w+" href="([^"]*)"([^>]*)>(.*?)</a>', nav)
    ]
    hidden = re.findall(r'<input type="hidden" name="([^"]+)" value="([^"]*)">', nav)
    last = int(re.search(r'name="page" min="1" max="(\d+)"', nav).group(1))
    return {"links": links, "hidden": hidden, "last": last}


def test_lists_are_paginated(client, many_briefs):
    for url in (reverse("stories:briefs"), "/news/", reverse("topics:detail", args=["民生"])):
        first = titles_on(client, url)
        assert len(first) == STORIES_PER_PAGE and first[0] == "第0条简讯", url
        nav = pagination(client.get(url).content.decode())
        assert nav["links"] == [("1", url, True), ("2", "?page=2", False), ("下一页", "?page=2", False)], url
        assert nav["last"] == 2
        assert titles_on(client, url + "?page=2") == [f"第{STORIES_PER_PAGE}条简讯"], url
        # The jump form is a GET form of the list itself: what it sends is a page number.
        assert titles_on(client, url + "?page=2") == titles_on(client, url + "?page=%202")


def test_a_page_past_the_last_is_not_found(client, many_briefs):
    url = reverse("stories:briefs")
    for number in ("3", "999", "0", "-1", "99999999999999999999999"):
        assert client.get(f"{url}?page={number}").status_code == 404, number
    # Not a number: the first page.
    for number in ("abc", "", "1.5", "%00"):
        assert titles_on(client, f"{url}?page={number}")[0] == "第0条简讯", number


def test_a_long_list_numbers_its_pages_with_first_last_and_gaps(rf):
    """A list of 20 pages, on page 10: the first and last pages, two either side, gaps between;
    the links and the jump form keep the request's other parameters."""
    from django.core.paginator import Paginator
    from django.template.loader import render_to_string

    request = rf.get("/search/", {"q": "助残", "page": "10"})
    page_obj = Paginator(range(200), 10).page(10)
    nav = pagination(render_to_string("includes/pagination.html", {"page_obj": page_obj, "request": request}))
    labels = [label for label, _, _ in nav["links"]]
    assert labels == ["上一页", "1", "8", "9", "10", "11", "12", "20", "下一页"]
    assert [label for label, _, current in nav["links"] if current] == ["10"]
    assert dict((label, href) for label, href, _ in nav["links"])["1"] == "?q=%E5%8A%A9%E6%AE%8B"
    assert dict((label, href) for label, href, _ in nav["links"])["20"] == "?q=%E5%8A%A9%E6%AE%8B&page=20"
    assert nav["hidden"] == [("q", "助残")] and nav["last"] == 20
