"""In chromium, the pages keep to their Content-Security-Policy: a reader going through every kind
of page and an editor working in the admin raise no violation, and the policies are enforced."""

import re

import pytest
from playwright.sync_api import expect

from tests.newsroom import PASSWORD

from .conftest import STORY_TITLE

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


# Runs in every document and frame before the page's own scripts.
LISTEN_FOR_VIOLATIONS = """
document.addEventListener("securitypolicyviolation", (event) => {
    const report = `${event.effectiveDirective} blocked ${event.blockedURI || "?"} on ${event.documentURI}`
        + ` (${event.sourceFile || "?"}:${event.lineNumber}) ${event.sample}`;
    (window.__cspViolations = window.__cspViolations || []).push(report);
    window.reportCspViolation(report);
}, true);
"""


class PolicyWatcher:
    """Every CSP violation a page raises: the `securitypolicyviolation` events of its documents and
    frames, and chromium's console errors, which it logs at the moment it blocks something; and
    chromium's complaints about a Permissions-Policy header it cannot read."""

    def __init__(self, page):
        self.page = page
        self.events = []
        self.console = []
        page.expose_function("reportCspViolation", self._on_report)
        page.add_init_script(LISTEN_FOR_VIOLATIONS)
        page.on("console", self._on_console)

    def _on_report(self, report):
        self.events.append(report)

    def _on_console(self, message):
        if any(
            name in message.text
            for name in ("Content Security Policy", "Content-Security-Policy", "Permissions-Policy")
        ):
            self.console.append(message.text)

    def assert_none(self, where):
        self.page.evaluate("() => 0")  # a round trip: reports sent before it have been received
        assert self.events == [], f"{where}: {self.events}"
        assert self.console == [], f"{where}: {self.console}"


@pytest.fixture
def watched(page):
    return page, PolicyWatcher(page)


def strict_reader_policy(response):
    header = response.headers.get("content-security-policy", "")
    directives = {name: sources for name, *sources in (part.split() for part in header.split(";") if part.strip())}
    assert directives.get("script-src") == ["'self'"], header
    assert directives.get("style-src") == ["'self'"], header
    assert directives.get("object-src") == ["'none'"], header
    assert "unsafe-inline" not in header and "nonce-" not in header, header
    return header


def test_every_reader_page_keeps_to_the_strict_policy_fresh_and_from_the_page_cache(watched, live_server, reader_pages):
    page, watcher = watched
    for name, path in reader_pages.items():
        expected_status = 404 if name == "not found" else 200
        first = page.goto(live_server.url + path)
        assert first.status == expected_status, name
        header = strict_reader_policy(first)
        if name == "search":
            expect(page.get_by_role("link", name=STORY_TITLE)).to_be_visible()  # with its results
        watcher.assert_none(name)

        again = page.reload()
        if expected_status == 200:
            assert again.headers.get("x-page-cache") == "hit", name  # served from the page cache
        assert strict_reader_policy(again) == header, name
        watcher.assert_none(f"{name}, again")


def test_the_reader_scripts_work_under_the_policy(watched, live_server, newsroom):
    """Larger text and search suggestions: the site's own scripts, and their fetch()."""
    page, watcher = watched
    page.goto(live_server.url + "/")
    page.get_by_role("button", name="适老模式").click()
    page.get_by_role("button", name="大字", exact=True).click()
    expect(page.locator("html")).to_have_class(re.compile(r"\blarge-text\b"))
    page.reload()
    expect(page.locator("html")).to_have_class(re.compile(r"\blarge-text\b"))  # before first paint, from <head>

    page.goto(live_server.url + "/search/")
    page.locator("#search-q").press_sequentially("残联")
    expect(page.get_by_role("list", name="标题提示").get_by_role("link", name=STORY_TITLE)).to_be_visible()
    watcher.assert_none("larger text and suggestions")


def test_the_browser_enforces_the_reader_policy(watched, live_server, newsroom):
    """What an injected script or style would meet: blocked, and reported (so the checks above
    would see a violation if a page had one)."""
    page, watcher = watched
    page.goto(live_server.url + newsroom["lead"].url)
    page.evaluate(
        """() => {
            const script = document.createElement("script");
            script.textContent = "window.injected = true";
            document.head.append(script);
            document.body.setAttribute("style", "background: red");
        }"""
    )
    page.wait_for_function("() => (window.__cspViolations || []).length >= 2")
    assert page.evaluate("() => window.injected") is None
    assert page.evaluate("() => getComputedStyle(document.body).backgroundColor") != "rgb(255, 0, 0)"
    page.evaluate("() => 0")
    assert any(report.startswith("script-src") for report in watcher.events), watcher.events
    assert any(report.startswith("style-src") for report in watcher.events), watcher.events
    assert any("Content Security Policy" in message for message in watcher.console), watcher.console


def test_the_browser_denies_devices_but_not_speech(page, live_server, newsroom):
    page.goto(live_server.url + newsroom["lead"].url)
    allowed = page.evaluate(
        """() => Object.fromEntries(["camera", "microphone", "geolocation", "payment", "usb", "autoplay"]
            .map((feature) => [feature, document.featurePolicy.allowsFeature(feature)]))"""
    )
    assert allowed == {
        "camera": False,
        "microphone": False,
        "geolocation": False,
        "payment": False,
        "usb": False,
        "autoplay": True,
    }
    assert page.evaluate("() => typeof window.speechSynthesis.speak") == "function"  # read-aloud


def test_an_editor_works_in_the_admin_without_a_violation(watched, live_server, newsroom, editor):
    admin, watcher = watched
    lead = newsroom["lead"]

    admin.goto(live_server.url + "/admin/")
    admin.get_by_label("用户名").fill(editor.username)
    admin.get_by_label(re.compile("密码|Password")).fill(PASSWORD)
    admin.get_by_role("button", name="登录").click()
    expect(admin).to_have_url(live_server.url + "/admin/")
    watcher.assert_none("login and dashboard")

    # The explorer: the sidebar's page tree, then the story index's listing.
    admin.get_by_role("button", name="页面").click()
    explorer = admin.get_by_role("dialog", name="页面")
    explorer.get_by_role("link", name=re.compile("新闻")).first.click()
    expect(admin.get_by_role("link", name=STORY_TITLE).first).to_be_visible()
    watcher.assert_none("explorer")

    admin.get_by_role("link", name=STORY_TITLE).first.click()
    expect(admin).to_have_url(re.compile(rf"/admin/pages/{lead.pk}/edit/"))

    body = admin.get_by_role("region", name="正文")
    paragraph = body.get_by_role("textbox").first
    paragraph.click()
    admin.keyboard.press("End")
    paragraph.press_sequentially("器材由区残联统一采购。")
    expect(body.locator("input[type=hidden][name$='-value']").first).to_have_value(re.compile("统一采购"))

    topics = admin.get_by_role("region", name="专题")
    topic_input = topics.get_by_role("textbox")
    topic_input.press_sequentially("城管")
    topic_input.press("ArrowDown")
    admin.locator("ul.ui-autocomplete").get_by_text("城管", exact=True).click()
    expect(topics.get_by_role("listitem").filter(has_text="城管")).to_be_visible()
    watcher.assert_none("editing")

    admin.get_by_role("button", name="保存草稿").click()
    messages = admin.get_by_role("status").filter(has_text=STORY_TITLE)  # not jQuery UI's live region
    expect(messages).to_contain_text(re.compile(f"{STORY_TITLE}.*更新"))
    watcher.assert_none("save draft")

    admin.get_by_role("button", name="更多动作").click()
    admin.get_by_role("button", name="发布", exact=True).click()
    expect(messages).to_contain_text(re.compile(f"{STORY_TITLE}.*发布"))
    watcher.assert_none("publish")

    # The published story, seen by the logged-in editor: the reader policy, with Wagtail's userbar.
    response = admin.goto(live_server.url + lead.url)
    strict_reader_policy(response)
    expect(admin.get_by_role("article")).to_contain_text("器材由区残联统一采购。")
    admin.locator("wagtail-userbar").get_by_role("button", name=re.compile("Wagtail")).click()
    expect(admin.locator("wagtail-userbar").get_by_role("menuitem").first).to_be_visible()
    watcher.assert_none("the story with the userbar")
