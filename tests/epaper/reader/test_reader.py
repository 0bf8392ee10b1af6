"""What readers get of the 数字报, through HTTP requests: the edition page with its printed pages,
a page with its stories as regions, the calendar of editions, the story page's 刊于第N期第M版."""

import datetime
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from bulletin.epaper.models import StoryRegion

pytestmark = pytest.mark.django_db


def main(response):
    """The page's main content (the head's description names stories too)."""
    html = response.content.decode()
    return html[html.index("<main") :]


def region_links(html):
    """{story url: [(x, y, width, height), ...]} of the page view's SVG, in PDF points."""
    links = {}
    pattern = r'<a id="story-\d+" class="epaper-region" href="([^"]+)"[^>]*>(.*?)</a>'
    for href, body in re.findall(pattern, html, re.S):
        rects = re.findall(r'<rect x="([\d.]+)" y="([\d.]+)" width="([\d.]+)" height="([\d.]+)"/>', body)
        links[href] = [tuple(float(value) for value in rect) for rect in rects]
    return links


def test_the_edition_page_shows_its_printed_pages_and_groups_stories_by_page(client, printed):
    html = main(client.get("/editions/7/"))
    for number in (1, 2):
        assert f'href="/editions/7/{number}/"' in html
        assert f"/media/epaper/7/{number}/thumbnail" in html
    first, second = html.index('id="page-第1版"'), html.index('id="page-第2版"')
    assert first < html.index("区残联送康复器材") < html.index("消防冬季检查") < second
    assert second < html.index("政务大厅周末无休")
    # A story placed on no page keeps the plain list, after the pages.
    assert html.index("编者按") > html.index("政务大厅周末无休")


def test_an_edition_without_printed_pages_keeps_its_list(client, newsroom):
    edition = newsroom.edition(8)
    newsroom.article("只有文字的稿件", edition=edition, print_page="第3版")
    html = client.get("/editions/8/").content.decode()
    assert "只有文字的稿件" in html and 'id="page-第3版"' in html
    assert "epaper-pages" not in html and "epaper.css" not in html


def test_the_page_view_draws_each_story_as_one_link_over_the_image(client, printed):
    response = client.get("/editions/7/1/")
    assert response.status_code == 200
    html = response.content.decode()
    assert 'src="/media/epaper/7/1/page' in html
    assert 'viewBox="0 0 595.00 842.00"' in html
    links = region_links(html)
    # The lead's two columns are one link; the coordinates are the fractions times the page size.
    assert links[printed["lead"].url] == [(29.75, 42.1, 267.75, 294.7), (297.5, 42.1, 267.75, 294.7)]
    assert links[printed["brief"].url] == [(29.75, 378.9, 148.75, 126.3)]
    assert printed["inside"].url not in links
    # Each link is named by its story's title, for screen readers and as a tooltip.
    assert 'aria-label="区残联送康复器材"' in html and "<title>区残联送康复器材</title>" in html
    assert 'href="/media/epaper/7/1/page.pdf"' in html
    assert re.search(r'href="/editions/7/2/" rel="next">下一版<', html)
    assert "上一版" not in html
    assert '<a href="/editions/7/2/" aria-label="第2版">2</a>' in html  # the numbered 版 links


def test_the_last_page_links_back_and_not_on(client, printed):
    html = client.get("/editions/7/2/").content.decode()
    assert re.search(r'href="/editions/7/1/" rel="prev">上一版<', html)
    assert "下一版" not in html
    assert list(region_links(html)) == [printed["inside"].url]


def test_a_page_that_does_not_exist_is_not_found(client, printed):
    assert client.get("/editions/7/3/").status_code == 404
    assert client.get("/editions/70/1/").status_code == 404


def test_the_story_page_says_where_it_was_printed_and_links_to_its_region(client, printed):
    html = client.get(printed["brief"].url).content.decode()
    link = re.search(r'<a class="story__print-location" href="([^"]+)">刊于第7期第1版</a>', html)
    assert link and link.group(1) == f"/editions/7/1/#story-{printed['brief'].pk}"
    # The fragment names the region's link on the page view, which CSS (:target) highlights.
    page = client.get(link.group(1).split("#")[0]).content.decode()
    assert f'id="story-{printed["brief"].pk}" class="epaper-region"' in page


def test_readers_see_pages_named_by_the_one_definition(client, printed, monkeypatch):
    """The story page, search results and the page view's 版 links name a page by
    bulletin.epaper.models.page_label, as the importer, the API and the page's title do: a paper
    that names its pages otherwise (A1版) changes that function and nothing else."""
    monkeypatch.setattr("bulletin.epaper.models.page_label", lambda number: f"A{number}版")

    story = client.get(printed["brief"].url).content.decode()
    assert re.search(r'<a class="story__print-location" href="[^"]+">刊于第7期A1版</a>', story)
    results = client.get(reverse("search:page"), {"q": "消防"}).content.decode()
    assert re.search(r'class="search-result__print".*?<span>第7期A1版</span>', results, re.S)
    page = client.get("/editions/7/1/").content.decode()
    assert '<a href="/editions/7/2/" aria-label="A2版">2</a>' in page


def test_a_story_printed_on_no_page_says_nothing_of_it(client, printed):
    assert "story__print-location" not in client.get(printed["loose"].url).content.decode()


def test_the_calendar_links_the_days_that_have_editions(client, newsroom):
    for number, day in (
        (1, datetime.date(2023, 11, 3)),
        (2, datetime.date(2023, 11, 28)),
        (3, datetime.date(2023, 9, 1)),
        (4, datetime.date(2024, 2, 5)),
    ):
        newsroom.article(f"稿件{number}", edition=newsroom.edition(number, date=day))
    newsroom.edition(5, date=datetime.date(2023, 11, 10))  # no public story: not shown

    assert client.get("/editions/calendar/")["Location"] == "/editions/calendar/2024/2/"
    html = client.get("/editions/calendar/2023/11/").content.decode()
    linked = re.findall(r'<td class="has-edition"><a href="(/editions/\d+/)"', html)
    assert linked == ["/editions/1/", "/editions/2/"]
    # Months without editions are skipped: the neighbours are September and February.
    assert 'href="/editions/calendar/2023/9/" rel="prev"' in html
    assert 'href="/editions/calendar/2024/2/" rel="next"' in html
    assert html.count("<tr>") == 1 + 5  # the weekday row, five weeks (November 2023 starts on a Wednesday)


@pytest.mark.parametrize(
    "path", ["/editions/calendar/2023/10/", "/editions/calendar/2023/13/", "/editions/calendar/99999/1/"]
)
def test_a_month_without_editions_is_not_found(client, newsroom, path):
    newsroom.article("稿件", edition=newsroom.edition(1, date=datetime.date(2023, 11, 3)))
    assert client.get(path).status_code == 404


def test_search_results_show_the_page_and_a_crop_of_the_region(client, printed):
    html = client.get(reverse("search:page"), {"q": "消防"}).content.decode()
    crop = re.search(
        r'<a class="search-result__print" href="([^"]+)">\s*'
        r'<svg[^>]* viewBox="([^"]+)" width="96" height="(\d+)"[^>]*><image href="([^"]+)"',
        html,
    )
    assert crop, html
    href, viewbox, height, image = crop.groups()
    assert href == f"/editions/7/1/#story-{printed['brief'].pk}"
    assert viewbox == "29.75 378.90 148.75 126.30"  # the brief's region, in the page's points
    assert int(height) == round(96 * 126.3 / 148.75)
    assert image == "/media/epaper/7/1/thumbnail.png"
    assert "第7期第1版" in html


def test_search_results_of_a_story_printed_on_no_page_have_no_crop(client, printed):
    html = client.get(reverse("search:page"), {"q": "编者按"}).content.decode()
    assert "编者按" in html and "search-result__print" not in html


def test_a_region_moved_shows_at_once_to_readers_of_the_cached_page(client, printed, settings):
    settings.PAGE_CACHE_TIMEOUT = 600
    assert client.get("/editions/7/2/")["X-Page-Cache"] == "miss"
    assert client.get("/editions/7/2/")["X-Page-Cache"] == "hit"
    region = StoryRegion.objects.get(story=printed["inside"])
    region.x0 = 0.2
    region.save()
    response = client.get("/editions/7/2/")
    assert response["X-Page-Cache"] == "miss"
    assert region_links(response.content.decode())[printed["inside"].url][0][0] == pytest.approx(119.0)


def test_unpublishing_a_story_takes_its_region_off_the_cached_page(client, printed, settings):
    settings.PAGE_CACHE_TIMEOUT = 600
    assert printed["brief"].url in region_links(client.get("/editions/7/1/").content.decode())
    printed["brief"].unpublish()
    html = client.get("/editions/7/1/").content.decode()
    assert "消防冬季检查" not in html
    assert list(region_links(html)) == [printed["lead"].url]


def test_the_list_of_editions_links_to_the_calendar(client, printed):
    html = main(client.get("/editions/"))
    assert 'href="/editions/calendar/"' in html
    assert client.get("/editions/calendar/")["Location"] == "/editions/calendar/2023/11/"


def test_a_hostile_title_stays_text_in_the_svg(client, newsroom):
    edition = newsroom.edition(9)
    story = newsroom.article('标题"><script>alert(1)</script><rect x="0"', edition=edition)
    newsroom.printed_page(edition, 1, [(story, (0.1, 0.1, 0.5, 0.5))])
    html = main(client.get("/editions/9/1/"))
    assert "<script>alert(1)" not in html
    assert 'aria-label="标题&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;&lt;rect x=&quot;0&quot;"' in html
    assert html.count("<rect ") == 1


def queries_for(client, path):
    client.get(path)  # one-off work (Wagtail's cached site root paths) is not counted
    with CaptureQueriesContext(connection) as queries:
        assert client.get(path).status_code == 200
    return len(queries)


def test_the_pages_cost_the_same_queries_for_two_stories_as_for_twelve(client, newsroom, settings):
    settings.PAGE_CACHE_TIMEOUT = 0
    counts = []
    for number, stories in ((21, 2), (22, 12)):
        edition = newsroom.edition(number)
        placed = [newsroom.article(f"稿件{number}-{n}", edition=edition) for n in range(stories)]
        regions = [(story, (0.1, n / 20, 0.9, (n + 1) / 20)) for n, story in enumerate(placed)]
        newsroom.printed_page(edition, 1, regions)
        newsroom.printed_page(edition, 2, regions[:1])
        counts.append([queries_for(client, path) for path in (f"/editions/{number}/", f"/editions/{number}/1/")])
    assert counts[0] == counts[1]
