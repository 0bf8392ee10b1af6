"""An editor writes a story in the Wagtail admin and publishes it; readers then find it."""

import re

import pytest
from playwright.sync_api import expect

from bulletin.stories.models import StoryIndexPage
from tests.newsroom import PASSWORD

from .conftest import DESKTOP, check_layout, screenshot

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

TITLE = "上街区举办残疾人就业招聘会"
BODY = "招聘会提供适合残疾人的岗位一百余个，现场达成就业意向三十余人。"


def test_an_editor_publishes_an_article_that_readers_then_find(new_page, live_server, editor, people):
    admin = new_page()
    admin.goto(live_server.url + "/admin/")
    admin.get_by_label("用户名").fill(editor.username)
    admin.get_by_label(re.compile("密码|Password")).fill(PASSWORD)
    admin.get_by_role("button", name="登录").click()
    expect(admin).to_have_url(live_server.url + "/admin/")

    index = StoryIndexPage.objects.get()
    admin.goto(f"{live_server.url}/admin/pages/{index.pk}/add_subpage/")
    admin.get_by_role("link", name="新闻", exact=True).click()

    title = admin.get_by_role("textbox", name=re.compile("^标题"))
    title.press_sequentially(TITLE)
    title.press("Tab")  # the slug is filled in from the title

    add_bylines(admin, [("王明玥", "记者"), ("李建华", "通讯员")])

    topics = admin.get_by_role("region", name="专题")
    # Type into the tag widget's own input, which exists once Wagtail's script has set up the
    # suggestions; typed into the plain field before that, the text would open no suggestions.
    topics.locator("ul.tagit input.ui-autocomplete-input").press_sequentially("助残")
    admin.locator("ul.ui-autocomplete").get_by_text("助残", exact=True).click()  # jQuery UI's list
    expect(topics.get_by_role("listitem").filter(has_text="助残")).to_be_visible()

    body = admin.get_by_role("region", name="正文")
    body.get_by_role("button", name="Insert a block").first.click()
    admin.get_by_role("option", name="段落").click()
    paragraph = body.get_by_role("textbox").first
    paragraph.press_sequentially(BODY)
    # Draftail writes the text into the form a moment after the last keystroke, as a person
    # pausing before Publish would let it: wait for that, not for the editor's display.
    expect(body.locator("input[type=hidden][name$='-value']").first).to_have_value(re.compile(BODY))
    screenshot(admin, "admin-new-article", widths=[DESKTOP])

    admin.get_by_role("button", name="更多动作").click()
    admin.get_by_role("button", name="发布", exact=True).click()
    expect(admin.get_by_role("status")).to_contain_text(re.compile(f"{TITLE}.*发布"))

    reader = new_page()
    reader.goto(live_server.url + "/")
    expect(reader.get_by_role("link", name=TITLE).first).to_be_visible()

    reader.get_by_role("link", name=TITLE).first.click()
    check_layout(reader, "article-from-admin")
    story = reader.get_by_role("article")
    expect(story).to_contain_text(re.compile(r"记者\s*王明玥\s*通讯员\s*李建华"))  # in print order
    expect(story).to_contain_text(BODY)

    story.get_by_role("link", name="助残").click()
    expect(reader.get_by_role("link", name=TITLE)).to_be_visible()

    reader.goto(live_server.url + "/search/?q=招聘会")
    expect(reader.get_by_role("link", name=TITLE)).to_be_visible()


def add_bylines(admin, bylines):
    """Pick every person of the byline in one go from the chooser, then give each a role and put
    them in print order (the chooser adds them in its own order, by name)."""
    admin.get_by_role("button", name="增加 署名").click()
    dialog = admin.get_by_role("dialog")
    for name, _ in bylines:
        dialog.locator("tr", has_text=name).get_by_role("checkbox").check()
    dialog.get_by_role("button", name="确认选择").click()
    # Until the chooser's modal has gone from the page (it is hidden first, removed last), it
    # can still pull the focus back to itself, and then to nowhere as it goes: typed into the
    # next field meanwhile, the topic lost the focus and its suggestions never opened (seen
    # under load, with the focus left on <body> and no suggestion request made).
    expect(admin.locator(".modal")).to_have_count(0)
    children = admin.locator("#id_bylines-FORMS > [data-inline-panel-child]")
    expect(children).to_have_count(len(bylines))
    for position, (name, role) in enumerate(bylines):
        row = children.filter(has_text=name)
        for _ in range(position, len(bylines)):  # move it up to its place in print order
            if name in children.nth(position).inner_text():
                break
            row.get_by_role("button", name="上移").click()
        expect(children.nth(position)).to_contain_text(name)
        row.get_by_role("combobox", name=re.compile("^角色")).select_option(role)
