"""SITE_URL sets the address the sitemap and the feeds link to, and Wagtail's Site row follows it."""

import xml.etree.ElementTree as ET
from urllib.parse import unquote

import pytest
from django.core.management import call_command
from wagtail.models import Site

from tests.sitemaps import page_locations, sitemap_pages

from .test_production_settings import manage, production_env, production_settings  # noqa: F401

PUBLIC = "https://news.example.cn:8443"
ATOM = "{http://www.w3.org/2005/Atom}"


@pytest.fixture
def public_address(settings):
    settings.SITE_URL = PUBLIC


@pytest.mark.django_db
def test_the_sitemap_links_to_site_url_whatever_the_request_came_to(client, public_address, article, topic, person):
    # The app sees plain http on its own host, as behind a proxy that terminated TLS.
    pages = sitemap_pages(client)
    assert pages and all(page.startswith(f"{PUBLIC}/sitemap-") for page in pages)
    locations = [location for page in pages for location in page_locations(client, page)]
    for path in ("/", "/news/", article.url, topic.get_absolute_url(), person.get_absolute_url(), "/notices/"):
        assert f"{PUBLIC}{path}" in locations
    assert all(location.startswith(f"{PUBLIC}/") for location in locations)


@pytest.mark.django_db
@pytest.mark.parametrize("feed", ["/feed/", "/topics/助残/feed/"])
def test_feeds_link_to_site_url(client, public_address, article, feed):
    channel = ET.fromstring(client.get(feed).content).find("channel")
    assert channel.findtext("link").startswith(f"{PUBLIC}/")
    assert unquote(channel.find(f"{ATOM}link").get("href")) == f"{PUBLIC}{feed}"
    [item] = channel.findall("item")
    assert item.findtext("link") == f"{PUBLIC}{article.url}"
    assert item.findtext("guid") == f"{PUBLIC}{article.url}"


@pytest.mark.django_db
def test_migrate_keeps_wagtails_site_at_site_url(public_address, settings):
    call_command("migrate", verbosity=0)
    site = Site.objects.get(is_default_site=True)
    assert (site.hostname, site.port) == ("news.example.cn", 8443)

    settings.SITE_URL = "https://news.example.cn"
    call_command("migrate", verbosity=0)
    site.refresh_from_db()
    assert (site.hostname, site.port) == ("news.example.cn", 443)
    assert site.root_url == "https://news.example.cn"


def test_production_derives_the_admins_base_url_from_site_url(production_env):  # noqa: F811
    production_env["SITE_URL"] = PUBLIC
    result = manage(
        production_env,
        "shell",
        "--no-imports",
        "-c",
        "from django.conf import settings; print(settings.WAGTAILADMIN_BASE_URL)",
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == PUBLIC


def test_production_refuses_to_start_without_site_url(production_env):  # noqa: F811
    del production_env["SITE_URL"]
    result = manage(production_env, "check")
    assert result.returncode != 0
    assert "Set SITE_URL in the environment" in result.stderr


@pytest.mark.parametrize(
    "bad",
    ["news.example.cn", "ftp://news.example.cn", "https://news.example.cn/news/", "https://news.example.cn:99999"],
)
def test_a_malformed_site_url_is_a_clear_error(production_env, bad):  # noqa: F811
    production_env["SITE_URL"] = bad
    result = manage(production_env, "check")
    assert result.returncode != 0
    assert f"SITE_URL {bad!r} should be the site's public address" in result.stderr
