"""Browser tests: Playwright drives Debian's chromium against pytest-django's live server.

The browser is /usr/bin/chromium from Debian's package; `playwright install` is never run.
Screenshots of the pages a test visits go to test-artifacts/screenshots/ at phone and desktop
widths, and no page may be wider than a 375px phone screen.
"""

import datetime
import os
from pathlib import Path

import pytest
from django.urls import reverse
from wagtail.rich_text import RichText

from bulletin.people.models import Person
from bulletin.stories.models import BriefPage
from bulletin.topics.models import Topic
from tests.conftest import PROJECT_DIR
from tests.newsroom import Newsroom

# Playwright's sync API runs an event loop in the test thread, which makes Django refuse
# database access there unless told that this is deliberate.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
SCREENSHOTS = PROJECT_DIR / "test-artifacts" / "screenshots"
PHONE, DESKTOP = 375, 1280

STORY_TITLE = "区残联为困难残疾人送去康复器材"


@pytest.fixture(scope="session")
def django_db_modify_db_settings(tmp_path_factory):
    """Give the live server an SQLite file rather than Django's shared in-memory database.

    With the in-memory database, every request thread of the live server shares one connection,
    and the admin's concurrent background requests (autosave, editing sessions, autocomplete)
    then fail with "database table is locked". A file gives each thread its own connection.
    """
    from django.conf import settings

    database = settings.DATABASES["default"]
    if database["ENGINE"] == "django.db.backends.sqlite3":
        database.setdefault("TEST", {})["NAME"] = str(tmp_path_factory.mktemp("browser-db") / "test.sqlite3")


@pytest.fixture(scope="session", autouse=True)
def segmenter_loaded():
    """Load jieba's dictionary before the live server serves, as gunicorn's master does (bulletin/wsgi.py).

    Otherwise the editor's Publish request, the first to index a story, loads it: 0.7 s of CPU,
    which took 12 s with both cores busy (Elasticsearch booting beside the browser suite). The
    live server shares this process, and its interpreter lock, with the test's own Playwright
    calls, so the admin stalled for longer than Playwright waits for any step of the journey.
    """
    from search.text import segmenter

    segmenter.load_dictionary()


@pytest.fixture(scope="session")
def browser():
    if not Path(CHROMIUM).exists():
        message = f"{CHROMIUM} is missing (apt-get install chromium)"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def new_page(browser):
    """Open pages in fresh browser profiles: new_page() is a new reader with nothing stored."""
    contexts = []

    def open_page():
        context = browser.new_context(viewport={"width": DESKTOP, "height": 900}, locale="zh-CN")
        context.set_default_timeout(15_000)
        contexts.append(context)
        return context.new_page()

    yield open_page
    for context in contexts:
        context.close()


@pytest.fixture
def page(new_page):
    return new_page()


def screenshot(page, name, widths=(PHONE, DESKTOP)):
    """Full-page screenshots at each width; returns the page's (scrollWidth, clientWidth) per width."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    sizes = {}
    for width in widths:
        page.set_viewport_size({"width": width, "height": 900})
        page.screenshot(path=SCREENSHOTS / f"{name}-{width}.png", full_page=True)
        sizes[width] = page.evaluate(
            "() => [document.documentElement.scrollWidth, document.documentElement.clientWidth]"
        )
    page.set_viewport_size({"width": DESKTOP, "height": 900})
    return sizes


def check_layout(page, name):
    """Screenshot a reader page at phone and desktop widths; fail if it is wider than the phone."""
    scroll_width, client_width = screenshot(page, name)[PHONE]
    assert scroll_width <= client_width, f"{name} is {scroll_width}px wide on a {client_width}px phone screen"


@pytest.fixture
def people(transactional_db):
    return {
        "记者": Person.objects.create(name="王明玥", unit="上街区融媒体中心"),
        "通讯员": Person.objects.create(name="李建华", unit="区残联"),
    }


@pytest.fixture
def newsroom(people):
    """A small published edition: a lead story with a reporter, a correspondent and a topic."""
    newsroom = Newsroom()
    edition = newsroom.edition(1, datetime.date(2023, 11, 28))
    disability = Topic.objects.get(name="助残")
    in_print = {"date": edition.date, "edition": edition}
    lead = newsroom.article(
        STORY_TITLE,
        slug="kangfu-qicai",
        print_page="第1版",
        featured=True,
        body=[
            ("paragraph", RichText("<p>11月27日，区残联走访辖区困难残疾人家庭，送去轮椅、助行器等康复器材。</p>")),
            ("paragraph", RichText("<p>工作人员逐户了解残疾人的康复需求，登记了下一步的助残服务项目。</p>")),
        ],
        bylines=[(people["记者"], "记者"), (people["通讯员"], "通讯员")],
        topics=[disability],
        **in_print,
    )
    newsroom.article(
        "上街区政务服务大厅周末无休",
        "政务服务大厅周六、周日照常办理公积金、社保业务。",
        slug="zhoumo-wuxiu",
        **in_print,
    )
    newsroom.brief("区消防救援大队开展冬季防火检查", slug="fanghuo", **in_print)
    return {"lead": lead, "topic": disability, "edition": edition}


@pytest.fixture
def reader_pages(newsroom):
    """Every kind of reader page, on the conftest's small edition and a notice added to it."""
    lead, edition = newsroom["lead"], newsroom["edition"]
    notice = Newsroom().notice(
        "关于调整公积金业务办理时间的通知",
        "自12月1日起，公积金业务周六照常办理。",
        slug="gongjijin-tongzhi",
        date=edition.date,
        edition=edition,
    )
    return {
        "home": "/",
        "story": lead.url,
        "brief": BriefPage.objects.live().get().url,
        "notice": notice.url,
        "topic": reverse("topics:detail", args=[newsroom["topic"].slug]),
        "person": reverse("people:detail", args=[lead.bylines.first().person.slug]),
        "editions": reverse("editions:index"),
        "edition": reverse("editions:detail", args=[edition.number]),
        "archive": reverse("stories:archive"),
        "archive month": reverse("stories:archive_month", args=[edition.date.year, edition.date.month]),
        "search": reverse("search:page") + "?q=康复器材",
        "not found": "/news/no-such-story/",
    }
