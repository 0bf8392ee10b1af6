"""A reader with a keyboard only (Tab to move, Enter or Space to press, typing into the search box):
reaches and opens a story, reads it, searches, and uses the reading-mode switches. Every element the
focus lands on on the way shows that it has it (an outline or a box shadow)."""

import re

import pytest
from playwright.sync_api import expect

from .conftest import STORY_TITLE

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

FOCUSED = """() => {
    const el = document.activeElement;
    const style = getComputedStyle(el);
    const outline = style.outlineStyle !== "none" && parseFloat(style.outlineWidth) > 0;
    return {
        tag: el.tagName.toLowerCase(),
        text: (el.innerText || el.value || "").trim(),
        href: el.getAttribute("href"),
        id: el.id,
        visible: outline || style.boxShadow !== "none",
        onScreen: el.getBoundingClientRect().width > 0 && el.getBoundingClientRect().height > 0,
    };
}"""


def tab_to(page, wanted, key="Tab", limit=80):
    """Press Tab (or Shift+Tab) until the wanted element has the focus; fail on any focus one cannot see."""
    for _ in range(limit):
        page.keyboard.press(key)
        focused = page.evaluate(FOCUSED)
        assert focused["visible"] and focused["onScreen"], f"focus is not visible on {focused}"
        if wanted(focused):
            return focused
    raise AssertionError(f"Tab never reached the element after {limit} presses")


def test_a_keyboard_reader_opens_and_reads_a_story_and_searches(page, live_server, newsroom):
    page.goto(live_server.url + "/")

    skip = tab_to(page, lambda f: f["text"] == "跳到正文")
    assert skip["href"] == "#main"
    tab_to(page, lambda f: f["text"] == STORY_TITLE)
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", level=1)).to_have_text(STORY_TITLE)

    # Reading: the skip link takes the focus past the header to the story itself.
    tab_to(page, lambda f: f["text"] == "跳到正文")
    page.keyboard.press("Enter")
    expect(page.locator("main")).to_be_focused()
    expect(page.get_by_role("article")).to_contain_text("工作人员逐户了解残疾人的康复需求")
    reporter = tab_to(page, lambda f: f["text"] == "王明玥")  # the first link after the headline
    assert reporter["href"].startswith("/people/")

    tab_to(page, lambda f: f["id"] == "site-search", key="Shift+Tab")  # back up to the search box
    page.keyboard.type("康复器材")
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(r"/search/\?q="))
    tab_to(page, lambda f: f["text"] == STORY_TITLE)
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", level=1)).to_have_text(STORY_TITLE)


def test_a_keyboard_reader_uses_the_reading_mode_switches(page, live_server, newsroom):
    page.goto(live_server.url + "/")
    html = page.locator("html")

    tab_to(page, lambda f: f["text"] == "适老模式")
    page.keyboard.press("Enter")
    toggle = page.get_by_role("button", name="适老模式")
    expect(toggle).to_have_attribute("aria-expanded", "true")
    tab_to(page, lambda f: f["text"] == "特大字")
    page.keyboard.press("Enter")
    expect(html).to_have_class(re.compile(r"\bxlarge-text\b"))
    tab_to(page, lambda f: f["text"] == "高对比度")
    page.keyboard.press("Space")
    expect(html).to_have_class(re.compile(r"\bhigh-contrast\b"))
    expect(page.get_by_role("button", name="高对比度")).to_have_attribute("aria-pressed", "true")

    page.keyboard.press("Escape")  # closes the panel and gives the focus back to its switch
    expect(page.locator("#reading-modes-panel")).to_be_hidden()
    expect(toggle).to_be_focused()

    # The modes hold on the next page, which is still fully usable by keyboard in them.
    tab_to(page, lambda f: f["text"] == STORY_TITLE)
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", level=1)).to_have_text(STORY_TITLE)
    expect(html).to_have_class(re.compile(r"\bxlarge-text\b"))
    expect(html).to_have_class(re.compile(r"\bhigh-contrast\b"))
    tab_to(page, lambda f: f["text"] == "适老模式")
    page.keyboard.press("Enter")
    tab_to(page, lambda f: f["text"] == "开始朗读")
    tab_to(page, lambda f: f["text"] == "王明玥")  # and on past the switches into the story
