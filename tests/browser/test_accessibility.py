"""axe-core finds no accessibility violation on any kind of reader page, in each reading mode
(normal, 大字, 特大字, high contrast), with the reading-mode switches open so that they are checked
too. axe-core comes from npm (tools/node/package.json; tools/install.sh installs it) and runs in
Debian's chromium against the pages as served, under their Content-Security-Policy."""

import os

import pytest
from playwright.sync_api import expect

from tests.conftest import PROJECT_DIR

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

AXE = PROJECT_DIR / "tools" / "node" / "node_modules" / "axe-core" / "axe.min.js"
PAGES = ["home", "story", "brief", "notice", "topic", "person", "edition", "archive", "search"]
# The switches a reader presses on the first page for each mode; the mode then holds on every page.
MODES = {
    "normal": [],
    "large": ["大字"],
    "extra-large": ["特大字"],
    "high-contrast": ["高对比度"],
}


@pytest.fixture(scope="module")
def axe_source():
    if not AXE.exists():
        message = f"{AXE} is missing (tools/install.sh installs it with npm)"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    return AXE.read_text()


def violations(page):
    """axe's violations on the page, one readable line per failing element."""
    results = page.evaluate("() => axe.run(document, {resultTypes: ['violations']})")
    return [
        f"{rule['id']} ({rule['impact']}): {rule['help']} — {node['target']}: {node['failureSummary']}"
        for rule in results["violations"]
        for node in rule["nodes"]
    ]


@pytest.mark.parametrize("mode", MODES)
def test_no_axe_violations_on_any_reader_page(mode, new_page, live_server, reader_pages, axe_source):
    page = new_page()
    # An init script, as an extension would inject it: the pages' CSP forbids inline scripts.
    page.context.add_init_script(axe_source)
    page.goto(live_server.url + "/")
    page.get_by_role("button", name="适老模式").click()
    for switch in MODES[mode]:
        page.get_by_role("button", name=switch, exact=True).click()
        expect(page.get_by_role("button", name=switch, exact=True)).to_have_attribute("aria-pressed", "true")

    found = {}
    for name in PAGES:
        page.goto(live_server.url + reader_pages[name])
        page.get_by_role("button", name="适老模式").click()  # the switches, in this mode, are checked too
        expect(page.locator("#reading-modes-panel")).to_be_visible()
        if found_here := violations(page):
            found[name] = found_here
    assert found == {}, "\n".join(f"{name}: {line}" for name, lines in found.items() for line in lines)
