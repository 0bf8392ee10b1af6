"""The 数字报 in a browser: a reader opens an edition's page, clicks a story where it was printed
and comes back; a keyboard user tabs to a region and opens it; an editor drags a region to where
the story really is, saves, and readers see it there."""

import re

import pytest
from playwright.sync_api import expect

from bulletin.epaper.models import StoryRegion
from bulletin.stories.models import StoryPage
from tests.newsroom import PASSWORD, Newsroom

from .conftest import STORY_TITLE, check_layout
from .test_csp import PolicyWatcher, strict_reader_policy

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

BRIEF_TITLE = "区消防救援大队开展冬季防火检查"
OTHER_TITLE = "上街区政务服务大厅周末无休"


@pytest.fixture
def printed(newsroom, settings, tmp_path):
    """The browser newsroom's edition in two pages: the lead and the brief on 第1版, the other story on 第2版."""
    settings.MEDIA_ROOT = tmp_path
    stories = {story.title: story for story in StoryPage.objects.filter(edition=newsroom["edition"])}
    builder = Newsroom()
    first = builder.printed_page(
        newsroom["edition"],
        1,
        [(stories[STORY_TITLE], (0.05, 0.05, 0.95, 0.45)), (stories[BRIEF_TITLE], (0.05, 0.5, 0.45, 0.7))],
    )
    builder.printed_page(newsroom["edition"], 2, [(stories[OTHER_TITLE], (0.1, 0.1, 0.9, 0.6))])
    return first


def test_a_reader_opens_a_page_clicks_a_story_and_comes_back(page, live_server, printed):
    page.goto(live_server.url + "/editions/1/")
    pages = page.get_by_role("navigation", name="版面")
    expect(pages.get_by_role("link")).to_have_count(2)
    check_layout(page, "epaper-edition")

    pages.get_by_role("link", name="第1版").click()
    expect(page).to_have_url(live_server.url + "/editions/1/1/")
    regions = page.get_by_role("group", name="本版稿件")
    expect(regions.get_by_role("link")).to_have_count(2)
    check_layout(page, "epaper-page")

    regions.get_by_role("link", name=BRIEF_TITLE).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(BRIEF_TITLE)
    page.go_back()
    expect(page).to_have_url(live_server.url + "/editions/1/1/")

    page.get_by_role("link", name="下一版").first.click()
    expect(page).to_have_url(live_server.url + "/editions/1/2/")
    page.wait_for_load_state("domcontentloaded")  # epaper.js (deferred) listens for keys from then on
    page.keyboard.press("ArrowLeft")  # epaper.js turns the page back
    expect(page).to_have_url(live_server.url + "/editions/1/1/")


def test_a_keyboard_user_tabs_to_a_region_and_opens_it(page, live_server, printed):
    page.goto(live_server.url + "/editions/1/1/")
    region = page.get_by_role("group", name="本版稿件").get_by_role("link", name=STORY_TITLE)
    for __ in range(40):  # every link of the header and navigation comes first
        page.keyboard.press("Tab")
        if region.evaluate("link => link === document.activeElement"):
            break
    expect(region).to_be_focused()
    # Focus shows: the region's rectangle is outlined in the site's focus colour (--focus).
    assert region.locator("rect").evaluate("rect => getComputedStyle(rect).stroke") == "rgb(20, 82, 204)"
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", level=1)).to_have_text(STORY_TITLE)

    # The story says where it was printed and leads back to its region, highlighted.
    page.get_by_role("link", name="刊于第1期第1版").click()
    expect(page).to_have_url(re.compile(r"/editions/1/1/#story-\d+$"))
    highlighted = page.locator(".epaper-region:target rect")
    expect(highlighted).to_have_count(1)
    assert highlighted.evaluate("rect => getComputedStyle(rect).fill") != "rgba(0, 0, 0, 0)"


def test_an_editor_moves_a_region_and_readers_see_it_moved(new_page, live_server, printed, editor):
    reader = new_page()
    reader.goto(live_server.url + "/editions/1/1/")
    brief = reader.get_by_role("link", name=BRIEF_TITLE).locator("rect")
    assert brief.get_attribute("y") == f"{0.5 * 842:.2f}"

    admin = new_page()
    admin.set_viewport_size({"width": 1280, "height": 1400})  # the whole page image on screen
    admin.goto(live_server.url + "/admin/")
    admin.get_by_label("用户名").fill(editor.username)
    admin.get_by_label(re.compile("密码|Password")).fill(PASSWORD)
    admin.get_by_role("button", name="登录").click()
    expect(admin).to_have_url(live_server.url + "/admin/")
    admin.goto(f"{live_server.url}/admin/epaper/pages/{printed.pk}/regions/")

    region = StoryRegion.objects.get(story__title=BRIEF_TITLE)
    row = admin.locator("[data-region-row]").filter(has=admin.locator(f"input[value='{region.pk}']"))
    index = admin.locator("[data-region-row]").evaluate_all(
        f"(rows) => rows.findIndex(row => row.querySelector(\"input[value='{region.pk}']\"))"
    )
    shape = admin.locator(f"[data-canvas] rect.region[data-index='{index}']")
    canvas = admin.locator("[data-canvas]").bounding_box()
    start = shape.bounding_box()
    # Drag the region down by a fifth of the page.
    middle = (start["x"] + start["width"] / 2, start["y"] + start["height"] / 2)
    admin.mouse.move(*middle)
    admin.mouse.down()
    admin.mouse.move(middle[0], middle[1] + canvas["height"] / 5, steps=5)
    admin.mouse.up()
    expect(row.locator("input[name$='-y0']")).to_have_value("0.700")
    expect(row.locator("input[name$='-y1']")).to_have_value("0.900")

    # The keyboard's way: the numbers. Narrow it from the right.
    row.locator("input[name$='-x1']").fill("0.400")

    # Draw a region for the story that was not found on this page, from (0.6, 0.75) to (0.9, 0.95);
    # measured again: typing in the table scrolled the page.
    admin.locator("[data-canvas]").scroll_into_view_if_needed()
    canvas = admin.locator("[data-canvas]").bounding_box()
    admin.mouse.move(canvas["x"] + 0.6 * canvas["width"], canvas["y"] + 0.75 * canvas["height"])
    admin.mouse.down()
    admin.mouse.move(canvas["x"] + 0.9 * canvas["width"], canvas["y"] + 0.95 * canvas["height"], steps=5)
    admin.mouse.up()
    story = admin.locator("select:focus")  # the new row asks for its story
    expect(story).to_have_count(1)
    story.select_option(label=OTHER_TITLE)

    admin.get_by_role("button", name="保存").click()
    expect(admin.get_by_text("已保存")).to_be_visible()
    drawn = StoryRegion.objects.get(story__title=OTHER_TITLE, page=printed)
    assert drawn.adjusted and [round(value, 2) for value in drawn.box] == [0.6, 0.75, 0.9, 0.95]

    region.refresh_from_db()
    assert (region.box, region.adjusted) == ([0.05, 0.7, 0.4, 0.9], True)
    reader.reload()
    assert brief.get_attribute("y") == f"{0.7 * 842:.2f}"
    assert brief.get_attribute("width") == f"{0.35 * 595:.2f}"
    expect(reader.get_by_role("group", name="本版稿件").get_by_role("link", name=OTHER_TITLE)).to_have_count(1)


def test_the_epaper_pages_keep_to_the_strict_reader_policy(page, live_server, printed):
    watcher = PolicyWatcher(page)
    for path in ("/editions/1/", "/editions/1/1/", "/editions/calendar/2023/11/", "/search/?q=防火"):
        strict_reader_policy(page.goto(live_server.url + path))
        watcher.assert_none(path)
    page.goto(live_server.url + "/editions/1/1/")
    page.get_by_role("button", name="放大").click()  # epaper.js, from a file as the policy wants
    expect(page.get_by_role("button", name="还原")).to_have_attribute("aria-pressed", "true")
    watcher.assert_none("zoom")
