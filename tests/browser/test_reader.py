"""A reader on a phone or a desktop: home page, a story, its reporter and topic, larger text,
search."""

import re

import pytest
from playwright.sync_api import expect

from .conftest import STORY_TITLE, check_layout

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def test_a_reader_goes_from_the_home_page_to_a_story_its_reporter_and_its_topic(page, live_server, newsroom):
    page.goto(live_server.url + "/")
    expect(page).to_have_title(re.compile("上街新闻"))
    check_layout(page, "home")

    page.get_by_role("link", name=STORY_TITLE).first.click()
    story = page.get_by_role("article")
    expect(story.get_by_role("heading", level=1)).to_have_text(STORY_TITLE)
    expect(story).to_contain_text("送去轮椅、助行器等康复器材")
    expect(story).to_contain_text("记者")
    expect(story).to_contain_text("通讯员")
    check_layout(page, "article")

    story.get_by_role("link", name="王明玥").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("王明玥")
    expect(page.get_by_role("link", name=STORY_TITLE)).to_be_visible()
    check_layout(page, "person")

    page.go_back()
    page.get_by_role("article").get_by_role("link", name="助残").click()
    expect(page).to_have_url(re.compile("/topics/"))
    expect(page.get_by_role("heading", level=1)).to_contain_text("助残")
    expect(page.get_by_role("link", name=STORY_TITLE)).to_be_visible()
    expect(page.get_by_role("link", name="上街区政务服务大厅周末无休")).to_have_count(0)
    check_layout(page, "topic")


def test_larger_text_stays_on_for_the_next_page(page, live_server, newsroom):
    page.goto(live_server.url + "/")
    page.get_by_role("button", name="适老模式").click()
    toggle = page.get_by_role("button", name="大字", exact=True)
    expect(toggle).to_have_attribute("aria-pressed", "false")
    normal_size = body_font_size(page)

    toggle.click()
    expect(page.locator("html")).to_have_class(re.compile(r"\blarge-text\b"))
    expect(toggle).to_have_attribute("aria-pressed", "true")
    assert body_font_size(page) > normal_size

    page.get_by_role("link", name=STORY_TITLE).first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text(STORY_TITLE)
    expect(page.locator("html")).to_have_class(re.compile(r"\blarge-text\b"))
    page.get_by_role("button", name="适老模式").click()
    expect(page.get_by_role("button", name="大字", exact=True)).to_have_attribute("aria-pressed", "true")
    assert body_font_size(page) > normal_size
    check_layout(page, "article-large-text")

    page.get_by_role("button", name="标准", exact=True).click()
    page.reload()
    expect(page.locator("html")).not_to_have_class(re.compile(r"\blarge-text\b"))


def test_a_reader_searches_in_chinese(page, live_server, newsroom):
    page.goto(live_server.url + "/")
    search = page.get_by_role("searchbox", name="搜索稿件")
    search.fill("康复器材")
    search.press("Enter")

    expect(page).to_have_url(re.compile(r"/search/\?q="))
    expect(page.get_by_role("link", name=STORY_TITLE)).to_be_visible()
    expect(page.get_by_role("link", name="上街区政务服务大厅周末无休")).to_have_count(0)
    check_layout(page, "search")


def test_the_search_page_suggests_titles_as_the_reader_types(page, live_server, newsroom):
    page.goto(live_server.url + "/search/")
    search = page.locator("#search-q")
    suggestions = page.get_by_role("list", name="标题提示")

    search.press_sequentially("残联")
    suggestion = suggestions.get_by_role("link", name=STORY_TITLE)
    expect(suggestion).to_be_visible()
    search.press("Escape")
    expect(suggestions).to_be_hidden()

    search.fill("")
    search.press_sequentially("康复器材")
    expect(suggestion).to_be_visible()
    search.press("ArrowDown")
    expect(suggestion).to_be_focused()
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(r"/news/\d{4}/\d{2}/\d{2}/\d+/$"))
    expect(page.get_by_role("heading", level=1)).to_contain_text("康复器材")


def body_font_size(page):
    return page.evaluate("() => parseFloat(getComputedStyle(document.body).fontSize)")
