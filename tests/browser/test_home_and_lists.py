"""The home page and lists in Debian's chromium: the phone header, the 热门 beacon, the page jump."""

import datetime

import pytest

from bulletin.readership.models import DailyReads
from bulletin.stories.listing import STORIES_PER_PAGE
from tests.newsroom import Newsroom

from .conftest import STORY_TITLE, check_layout

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

PHONE = {"width": 390, "height": 844}


def test_on_a_phone_the_news_starts_within_the_first_120_pixels(page, live_server, newsroom):
    page.set_viewport_size(PHONE)
    page.goto(live_server.url + "/")
    first_card = page.locator(".home__leads .card").first
    assert first_card.locator(".card__title").inner_text() == STORY_TITLE
    top = first_card.evaluate("card => card.getBoundingClientRect().top + window.scrollY")
    assert top <= 120, f"the first story starts {top}px down a 390px-wide phone screen"
    # Everything in the header is still there, on the screen.
    assert page.get_by_role("button", name="搜索").is_visible()
    for name in ("新闻", "简讯", "通知公告"):
        assert page.get_by_role("link", name=name, exact=True).first.is_visible()
    check_layout(page, "home-phone-header")


def test_a_story_page_counts_its_read_with_a_beacon_even_from_the_page_cache(new_page, live_server, newsroom):
    story = newsroom["lead"]
    for reader in range(2):  # the second reader gets the page from the page cache
        page = new_page()
        with page.expect_response(lambda response: "/reads/" in response.url) as beacon:
            response = page.goto(live_server.url + story.url)
        assert response.headers.get("x-page-cache") == ("miss" if reader == 0 else "hit")
        assert beacon.value.status == 204
        assert beacon.value.request.method == "POST"
        assert "cookie" not in beacon.value.request.all_headers()
    # Both readers share the live server's address: one read counted for the day.
    assert list(DailyReads.objects.values_list("story_id", "count")) == [(story.pk, 1)]


def test_a_reader_jumps_to_a_page_of_a_list(page, live_server, newsroom):
    for n in range(STORIES_PER_PAGE):
        Newsroom().brief(f"第{n}条简讯", f"第{n}条简讯。", slug=f"brief-{n}", date=datetime.date(2023, 11, 1))
    page.goto(live_server.url + "/briefs/")
    page.get_by_label("跳到第").fill("2")
    page.get_by_role("button", name="跳转").click()
    page.wait_for_url("**/briefs/?page=2")
    assert page.locator(".pagination [aria-current=page]").text_content() == "第2页（当前）"
    assert page.locator(".story-list .card").count() == 1
