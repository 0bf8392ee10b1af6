"""Sharing a story from its page: the copy button copies the address the page shows."""

import re

import pytest
from playwright.sync_api import expect

from .conftest import STORY_TITLE, check_layout

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def test_copy_link_puts_the_storys_address_on_the_clipboard(page, live_server, newsroom):
    page.context.grant_permissions(["clipboard-read", "clipboard-write"], origin=live_server.url)
    page.goto(live_server.url + "/")
    page.get_by_role("link", name=STORY_TITLE).first.click()
    expect(page).to_have_url(re.compile(r"/news/\d{4}/\d{2}/\d{2}/\d+/$"))
    expect(page.get_by_role("navigation", name="当前位置").get_by_role("link", name="首页")).to_be_visible()
    expect(page.get_by_role("img", name=re.compile("二维码"))).to_be_visible()

    address = page.get_by_label("本文链接").input_value()
    assert address.endswith(page.url.removeprefix(live_server.url))
    page.get_by_role("button", name="复制链接").click()
    expect(page.get_by_role("region", name="分享").get_by_role("status")).to_have_text("链接已复制")
    assert page.evaluate("() => navigator.clipboard.readText()") == address
    check_layout(page, "article-share")
