"""The site's identity, edited under 设置 › 网站信息 by the chief editor as the admin offers it:
the name on every page, the footer's legal lines, the beats in the navigation, the publisher in
search engines' data, and what that costs each page."""

import datetime
import json
import re
from unittest import mock

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from wagtail.test.utils.form_data import inline_formset, nested_form_data

from bulletin.workflow import roles
from tests.newsroom import client_for, make_user
from tests.site.test_pages import html

pytestmark = pytest.mark.django_db

READER_PAGES = ["/", "/news/", "/notices/", "/topics/", "/people/", "/archive/", "/search/?q=康复"]


@pytest.fixture
def chief(django_user_model):
    return make_user("chief", roles.CHIEF_EDITORS)


def settings_url():
    """The settings' edit page as the admin's menu reaches it (设置 › 网站信息 redirects here)."""
    from bulletin.identity.models import SiteIdentity

    return reverse("wagtailsettings:edit", args=["identity", "siteidentity", SiteIdentity.load().pk])


def settings_form(nav_items=(), logo="", **fields):
    data = {
        "site_name": "上街新闻",
        "tagline": "上街区的新闻、简讯与通知公告",
        "logo": logo,
        "host": "",
        "contact": "",
        "icp_number": "",
        "police_number": "",
        "police_url": "",
        "report_phone": "",
        "report_email": "",
        **fields,
    }
    # As the editor leaves the form: the items saved before removed (their 删除 ticked), ``nav_items`` added.
    from bulletin.identity.models import NavigationItem

    saved = [
        {"id": item.pk, "label": item.label, "topic": item.topic_id or "", "link": item.link, "DELETE": "on"}
        for item in NavigationItem.objects.all()
    ]
    data["nav_items"] = inline_formset(saved + list(nav_items), initial=len(saved))
    return nested_form_data(data)


def save_settings(client, **form):
    response = client.post(settings_url(), settings_form(**form))
    errors = re.findall(r'class="error-message">(.*?)<', response.content.decode(), re.S)
    assert response.status_code == 302 and response["Location"] == settings_url(), errors
    return response


def footer_of(page):
    return page[page.index('<footer class="site-footer">') :]


def test_the_demo_starts_with_the_papers_name_and_beats(client, newsroom):
    newsroom.article("民生稿件", topics=["民生"])
    page = html(client, "/")
    assert re.search(r"<title>[^<]* - 上街新闻</title>", page)
    # Beats whose topic has a public story are in the navigation; the others wait for one.
    nav = page[page.index('class="site-nav"') : page.index("</nav>", page.index('class="site-nav"'))]
    assert f'href="{reverse("topics:detail", args=["民生"])}">民生</a>' in nav
    assert "政务服务" not in nav
    assert "12377" in footer_of(page)


def test_chief_editor_renames_the_site_and_every_page_follows(client, newsroom, chief):
    newsroom.article("稿件", text="康复器材")
    save_settings(client_for(chief), site_name="花园口快报", tagline="")
    for url in READER_PAGES:
        page = html(client, url)
        assert "花园口快报" in page and "上街新闻" not in page, url
    story = newsroom.article("新稿件")
    meta = json.loads(
        re.search(r'<script type="application/ld\+json">(.*?)</script>', html(client, story.url)).group(1)
    )
    assert meta["publisher"]["name"] == "花园口快报"
    assert '<meta property="og:site_name" content="花园口快报">' in html(client, "/")
    assert "<title>花园口快报</title>" in html(client, reverse("stories:feed"))


def test_the_footer_carries_the_filing_numbers_and_where_to_report(client, newsroom, chief):
    save_settings(
        client_for(chief),
        host="中共上街区委宣传部",
        contact="上街区济源路1号",
        icp_number="豫ICP备12345678号-1",
        police_number="豫公网安备41010602000001号",
        police_url="https://beian.mps.gov.cn/#/query/webSearch?code=41010602000001",
        report_phone="0371-68123456",
        report_email="jubao@example.cn",
    )
    footer = footer_of(html(client, "/news/"))
    assert "主办：中共上街区委宣传部" in footer and "联系方式：上街区济源路1号" in footer
    assert '<a href="https://beian.miit.gov.cn/">豫ICP备12345678号-1</a>' in footer
    assert (
        '<a href="https://beian.mps.gov.cn/#/query/webSearch?code=41010602000001">豫公网安备41010602000001号</a>'
        in footer
    )
    assert '<a href="tel:0371-68123456">0371-68123456</a>' in footer
    assert '<a href="mailto:jubao@example.cn">jubao@example.cn</a>' in footer


def test_chief_editor_orders_the_beats_in_the_navigation(client, newsroom, chief):
    newsroom.article("街镇稿件", topics=["城管"])
    town = newsroom.topic("城管")
    save_settings(
        client_for(chief),
        nav_items=[
            {"label": "数字报", "topic": "", "link": "/editions/", "ORDER": "1"},
            {"label": "街镇", "topic": town.pk, "link": "", "ORDER": "0"},
        ],
    )
    page = html(client, "/")
    nav = page[page.index('class="site-nav"') : page.index("</nav>", page.index('class="site-nav"'))]
    labels = re.findall(r">([^<>]+)</a></li>", nav)
    assert labels == ["首页", "新闻", "简讯", "通知公告", "街镇", "数字报", "专题", "往期", "归档"]
    assert f'href="{town.get_absolute_url()}">街镇</a>' in nav


@pytest.mark.parametrize(
    "item, message",
    [
        ({"label": "两样都填", "topic": "TOPIC", "link": "/x/"}, "二者选一"),
        ({"label": "都不填", "topic": "", "link": ""}, "二者选一"),
        ({"label": "脚本", "topic": "", "link": "javascript:alert(1)"}, "链接须以"),
        ({"label": "外站", "topic": "", "link": "//evil.example/"}, "链接须以"),
    ],
)
def test_a_navigation_item_needs_one_safe_link(client, newsroom, chief, item, message):
    item = {**item, "topic": newsroom.topic("民生").pk if item["topic"] == "TOPIC" else ""}
    response = client_for(chief).post(settings_url(), settings_form(nav_items=[item]))
    assert response.status_code == 200 and message in response.content.decode()
    assert item["label"] not in html(client, "/")


def test_reporters_and_editors_cannot_change_the_settings(django_user_model):
    for group in (roles.REPORTERS, roles.EDITORS):
        user = make_user(f"user-{group}", group)
        response = client_for(user).post(settings_url(), settings_form(site_name="改名"))
        assert response.status_code in (302, 403)
    from bulletin.identity.models import SiteIdentity

    assert SiteIdentity.load().site_name == "上街新闻"


def test_saving_the_settings_empties_the_page_cache(client, newsroom, chief, settings):
    settings.PAGE_CACHE_TIMEOUT = 600
    newsroom.article("稿件")
    assert client.get("/").headers["X-Page-Cache"] == "miss"
    assert client.get("/").headers["X-Page-Cache"] == "hit"
    save_settings(client_for(chief), site_name="新名字")
    response = client.get("/")
    assert response.headers["X-Page-Cache"] == "miss" and "新名字" in response.content.decode()


def test_the_settings_cost_no_query_once_read(client, newsroom):
    newsroom.article("稿件")
    client.get("/")  # reads the settings once for every worker
    with CaptureQueriesContext(connection) as queries:
        client.get("/notices/")
    assert not [q["sql"] for q in queries if "identity_" in q["sql"]]


@pytest.mark.parametrize("page_cache_timeout", [600, 0])  # as in production, and with pages not cached
def test_a_beat_leaves_the_navigation_when_its_last_story_expires(client, newsroom, settings, page_cache_timeout):
    settings.PAGE_CACHE_TIMEOUT = page_cache_timeout
    story = newsroom.article("民生稿件", topics=["民生"], expire_at=timezone.now() + datetime.timedelta(minutes=1))
    beat = f'href="{reverse("topics:detail", args=["民生"])}">民生</a>'
    assert beat in html(client, "/")  # the identity is read, and kept for every page

    # No publish announces an expiry: both clocks move past it rather than the test sleeping.
    after_expiry = story.expire_at + datetime.timedelta(seconds=1)
    with (
        mock.patch("django.utils.timezone.now", return_value=after_expiry),
        mock.patch("time.time", return_value=after_expiry.timestamp()),
    ):
        assert beat not in html(client, "/news/")


def test_the_server_error_page_names_the_site_as_last_read(client, newsroom, chief):
    from django.template.loader import render_to_string

    save_settings(client_for(chief), site_name="花园口快报")
    html(client, "/")
    with CaptureQueriesContext(connection) as queries:
        page = render_to_string("500.html")
    assert "花园口快报" in page and not queries


def test_an_uploaded_logo_heads_the_page_and_is_the_publishers_logo(client, newsroom, chief, image):
    """``image`` (tests/site/conftest.py) is a 64×36 JPEG; the publisher logo is a PNG at most 60px high."""
    save_settings(client_for(chief), logo=image.pk)
    story = newsroom.article("稿件")
    page = html(client, story.url)
    masthead = re.search(r'<a class="masthead__name" href="/">(.*?)</a>', page).group(1)
    assert re.fullmatch(
        r'<img class="masthead__logo" src="/media/images/[^"]+\.png" width="\d+" height="\d+" alt="上街新闻">', masthead
    )
    meta = json.loads(re.search(r'<script type="application/ld\+json">(.*?)</script>', page).group(1))
    logo = meta["publisher"]["logo"]
    assert logo["url"].startswith("http://testserver/media/images/") and logo["url"].endswith(".png")
    assert logo["height"] <= 60 and logo["url"] != "http://testserver/static/img/logo.png"
