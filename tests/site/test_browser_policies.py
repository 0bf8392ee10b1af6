"""Content-Security-Policy and Permissions-Policy headers, as readers, editors and API clients get
them. (tests/browser/test_csp.py proves in chromium that the pages keep to the policies.)"""

import json
import os
import secrets
import subprocess
import sys
from html.parser import HTMLParser

import pytest
from django.urls import reverse
from wagtail.test.utils.form_data import inline_formset, nested_form_data, querydict_from_html, rich_text, streamfield

from tests.conftest import PROJECT_DIR

pytestmark = pytest.mark.django_db


def policy(response):
    """The Content-Security-Policy header as {directive: [sources]}."""
    header = response.headers.get("Content-Security-Policy")
    assert header, f"no Content-Security-Policy on {response.request['PATH_INFO']}"
    directives = {}
    for part in header.split(";"):
        name, *sources = part.split()
        assert name not in directives, f"{name} twice in {header}"
        directives[name] = sources
    return directives


def assert_strict_reader_policy(response):
    directives = policy(response)
    assert directives["default-src"] == ["'self'"]
    assert directives["script-src"] == ["'self'"]
    assert directives["style-src"] == ["'self'"]
    assert directives["img-src"] == ["'self'"]
    assert directives["object-src"] == ["'none'"]
    assert directives["base-uri"] == ["'self'"]
    assert directives["form-action"] == ["'self'"]
    assert directives["frame-ancestors"] == ["'none'"]
    header = response.headers["Content-Security-Policy"]
    assert "unsafe" not in header and "nonce-" not in header and "*" not in header


class InlineCode(HTMLParser):
    """Collects what a strict CSP would block: inline scripts, <style>, style="", on…="" handlers."""

    # Data blocks, such as JSON-LD, are not run, so no CSP rule applies to them.
    DATA_TYPES = {"application/json", "application/ld+json"}

    def __init__(self):
        super().__init__()
        self.found = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "script" and "src" not in attrs and attrs.get("type") not in self.DATA_TYPES:
            self.found.append(f"inline <script> at line {self.getpos()[0]}")
        if tag == "style":
            self.found.append(f"<style> at line {self.getpos()[0]}")
        for name in attrs:
            if name == "style" or name.startswith("on"):
                self.found.append(f'{name}="" on <{tag}> at line {self.getpos()[0]}')


def inline_code(response):
    parser = InlineCode()
    parser.feed(response.content.decode())
    return parser.found


@pytest.fixture
def reader_urls(newsroom):
    reporter = newsroom.person("王明玥", "上街区融媒体中心")
    edition = newsroom.edition(1)
    story = newsroom.article("区残联送去康复器材", bylines=[(reporter, "记者")], topics=["助残"], edition=edition)
    brief = newsroom.brief("区消防救援大队开展冬季防火检查", edition=edition)
    notice = newsroom.notice("关于调整公积金业务办理时间的通知", edition=edition)
    return {
        "home": "/",
        "story": story.url,
        "brief": brief.url,
        "notice": notice.url,
        "brief list": reverse("stories:briefs"),
        "notice list": reverse("stories:notices"),
        "topic": reverse("topics:detail", args=["助残"]),
        "topics": reverse("topics:index"),
        "person": reverse("people:detail", args=[reporter.slug]),
        "people": reverse("people:index"),
        "editions": reverse("editions:index"),
        "edition": reverse("editions:detail", args=[edition.number]),
        "archive": reverse("stories:archive"),
        "archive month": reverse("stories:archive_month", args=[story.date.year, story.date.month]),
        "search": reverse("search:page") + "?q=康复器材",
        "empty search": reverse("search:page"),
    }


def test_every_reader_page_has_the_strict_policy_and_nothing_inline_for_it_to_block(client, reader_urls):
    for name, url in reader_urls.items():
        response = client.get(url)
        assert response.status_code == 200, name
        assert_strict_reader_policy(response)
        assert inline_code(response) == [], name


def test_the_not_found_page_has_the_strict_policy_and_nothing_inline(client, newsroom):
    response = client.get("/news/no-such-story/")
    assert response.status_code == 404
    assert_strict_reader_policy(response)
    assert inline_code(response) == []


def test_search_api_and_feeds_get_the_reader_policy(client, reader_urls):
    for url in (reverse("search:api") + "?q=康复器材", reverse("search:suggest") + "?q=康复", reverse("stories:feed")):
        response = client.get(url)
        assert response.status_code == 200, url
        assert_strict_reader_policy(response)


def test_a_cached_page_gets_the_policy_in_force_now_not_a_stored_one(client, settings, reader_urls):
    """The page cache stores a response before the policy is added, so no header is replayed."""
    settings.PAGE_CACHE_TIMEOUT = 600
    url = reader_urls["story"]
    first = client.get(url)
    assert first["X-Page-Cache"] == "miss"
    assert_strict_reader_policy(first)

    settings.CONTENT_SECURITY_POLICY = {
        "DIRECTIVES": {**settings.CONTENT_SECURITY_POLICY["DIRECTIVES"], "report-uri": ["/csp-reports/"]}
    }
    second = client.get(url)
    assert second["X-Page-Cache"] == "hit"
    assert second.content == first.content
    assert policy(second)["report-uri"] == ["/csp-reports/"]
    assert_strict_reader_policy(second)


def test_an_editor_viewing_the_site_gets_the_reader_policy_with_the_userbar(client, django_user_model, reader_urls):
    editor = django_user_model.objects.create_superuser("editor", "editor@example.com", "password")
    client.force_login(editor)
    response = client.get(reader_urls["story"])
    assert "wagtail-userbar" in response.content.decode()
    assert_strict_reader_policy(response)
    assert inline_code(response) == []


def test_the_admin_has_its_own_policy(client, django_user_model, newsroom):
    login = client.get(reverse("wagtailadmin_login"))
    assert policy(login)["script-src"] == ["'self'", "'unsafe-inline'"]

    editor = django_user_model.objects.create_superuser("editor", "editor@example.com", "password")
    client.force_login(editor)
    story = newsroom.article("区残联送去康复器材")
    for url in (reverse("wagtailadmin_home"), reverse("wagtailadmin_pages:edit", args=[story.pk])):
        response = client.get(url)
        assert response.status_code == 200, url
        directives = policy(response)
        assert directives["script-src"] == ["'self'", "'unsafe-inline'"]
        assert directives["script-src-attr"] == ["'none'"]  # no on…="" handlers even so
        assert directives["style-src"] == ["'self'", "'unsafe-inline'"]
        assert directives["object-src"] == ["'none'"]
        assert directives["base-uri"] == ["'self'"]
        assert directives["form-action"] == ["'self'"]
        assert directives["frame-ancestors"] == ["'self'"]  # the preview panel frames a preview
        assert "'unsafe-eval'" not in response.headers["Content-Security-Policy"]


def test_a_preview_has_the_reader_policy_and_may_be_framed_by_the_admin(client, django_user_model, newsroom):
    """Wagtail renders a preview as the reader's page; the admin's preview panel frames it."""
    editor = django_user_model.objects.create_superuser("editor", "editor@example.com", "password")
    client.force_login(editor)
    story = newsroom.article("区残联送去康复器材")
    edit_page = client.get(reverse("wagtailadmin_pages:edit", args=[story.pk])).content.decode()
    data = querydict_from_html(edit_page, form_id="page-edit-form")
    # The body, bylines and corrections are drawn by the admin's JavaScript: send them as it does.
    data.update(
        nested_form_data(
            {
                "body": streamfield([("paragraph", rich_text("<p>区残联走访困难残疾人家庭。</p>"))]),
                "bylines": inline_formset([]),
                "corrections": inline_formset([]),
            }
        )
    )
    preview_url = reverse("wagtailadmin_pages:preview_on_edit", args=[story.pk])
    assert client.post(preview_url, data).json()["is_valid"]

    response = client.get(preview_url)
    assert "区残联走访困难残疾人家庭。" in response.content.decode()
    directives = policy(response)
    assert directives["frame-ancestors"] == ["'self'"]
    assert directives["script-src"] == ["'self'"] and directives["style-src"] == ["'self'"]
    assert inline_code(response) == []


def test_no_gravatar_in_the_admin(client, django_user_model):
    """Avatars would come from a third party that img-src does not allow."""
    editor = django_user_model.objects.create_superuser("editor", "editor@example.com", "password")
    client.force_login(editor)
    assert "gravatar" not in client.get(reverse("wagtailadmin_home")).content.decode()


def permissions_policy(response):
    header = response.headers.get("Permissions-Policy")
    assert header, "no Permissions-Policy"
    return dict(item.strip().split("=", 1) for item in header.split(","))


def test_permissions_policy_denies_devices_and_payment_everywhere(client, reader_urls):
    for url in (reader_urls["story"], reverse("search:api") + "?q=康复", reverse("wagtailadmin_login")):
        features = permissions_policy(client.get(url))
        for feature in ("camera", "microphone", "geolocation", "payment", "usb", "serial", "browsing-topics"):
            assert features[feature] == "()", (url, feature)
        # Read-aloud (window.speechSynthesis) plays audio the reader asked for: leave it alone.
        assert "autoplay" not in features and "speaker-selection" not in features


SETTINGS_AS_JSON = """
import json
from csp.utils import build_policy
from django.conf import settings
print(json.dumps({
    "MIDDLEWARE": settings.MIDDLEWARE,
    "READERS": build_policy(),
    "ADMIN": build_policy(config=settings.CONTENT_SECURITY_POLICY_ADMIN["DIRECTIVES"]),
    "PERMISSIONS_POLICY": settings.PERMISSIONS_POLICY,
}))
"""


@pytest.mark.parametrize("module", ["dev", "test", "production"])
def test_every_settings_module_sends_the_policies_above_the_page_cache(module, tmp_path):
    env = {key: value for key, value in os.environ.items() if not key.startswith(("DJANGO_", "CSP_"))}
    env.update(
        DJANGO_SETTINGS_MODULE=f"bulletin.settings.{module}",
        SECRET_KEY=secrets.token_urlsafe(50),
        SITE_URL="https://news.example.cn",
        CACHE_URL=f"file://{tmp_path / 'cache'}",
        CSP_REPORT_URI="https://reports.example.cn/csp",
    )
    result = subprocess.run(
        [sys.executable, "manage.py", "shell", "--no-imports", "-c", SETTINGS_AS_JSON],
        cwd=PROJECT_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    loaded = json.loads(result.stdout)

    middleware = loaded["MIDDLEWARE"]
    page_cache = middleware.index("bulletin.caching.middleware.AnonymousPageCacheMiddleware")
    assert middleware.index("bulletin.browser_policies.ContentSecurityPolicyMiddleware") < page_cache
    assert middleware.index("django_permissions_policy.PermissionsPolicyMiddleware") < page_cache
    assert "script-src 'self';" in loaded["READERS"] and "unsafe" not in loaded["READERS"]
    assert "script-src 'self' 'unsafe-inline';" in loaded["ADMIN"]
    for header in (loaded["READERS"], loaded["ADMIN"]):
        assert header.endswith("report-uri https://reports.example.cn/csp")
    assert loaded["PERMISSIONS_POLICY"]["camera"] == []
