"""The page cache keys a page on the query parameters its view reads, through HTTP requests.

The cache is the file cache production uses, in a directory of the test's own, so that what a
request adds to it is counted as files.
"""

import json
import re
import secrets

import pytest
from django.urls import URLPattern, URLResolver, get_resolver
from django.utils.html import strip_tags

from bulletin.caching import query
from bulletin.caching.middleware import AnonymousPageCacheMiddleware
from bulletin.stories.listing import STORIES_PER_PAGE
from tests.conftest import PROJECT_DIR
from tests.newsroom import Newsroom

pytestmark = pytest.mark.django_db


@pytest.fixture
def file_cache(settings, tmp_path):
    settings.CACHES = {"default": {"BACKEND": "bulletin.caching.backends.PageFileCache", "LOCATION": str(tmp_path)}}
    settings.PAGE_CACHE_TIMEOUT = 600
    return tmp_path


def entries(directory):
    return len(list(directory.glob("*.djcache")))


def junk():
    return f"x={secrets.token_hex(8)}"


@pytest.fixture
def urls(article, topic):
    return {
        "home": "/",
        "story": article.url,
        "topic": topic.get_absolute_url(),
        "news": "/news/",
        "sitemap index": "/sitemap.xml",
        "sitemap page": f"/sitemap-stories-{article.date.year}.xml",
        "feed": "/feed/",
    }


def test_unknown_parameters_are_hits_on_the_plain_pages_entry_and_add_nothing(client, file_cache, urls):
    plain = {}
    for name, url in urls.items():
        response = client.get(url)
        assert response.status_code == 200, name
        assert response["X-Page-Cache"] == "miss", name
        plain[name] = response.content
    stored = entries(file_cache)

    for name, url in urls.items():
        for _ in range(3):
            response = client.get(f"{url}?{junk()}&{junk()}")
            assert response["X-Page-Cache"] == "hit", name
            assert response.content == plain[name], name
    assert entries(file_cache) == stored


def test_a_first_request_with_unknown_parameters_renders_and_stores_the_plain_page(client, file_cache, article):
    first = client.get(f"{article.url}?{junk()}")
    assert first["X-Page-Cache"] == "miss"
    plain = client.get(article.url)
    assert plain["X-Page-Cache"] == "hit"
    assert plain.content == first.content


def test_unknown_parameters_do_not_reach_the_page(client, file_cache, article):
    # The story list's page links are built from the query; a junk parameter must not be in them.
    for n in range(STORIES_PER_PAGE):
        Newsroom().article(f"第{n}条新闻", slug=f"news-{n}")
    text = client.get("/news/?utm_source=evil&page=1").content.decode()
    assert 'href="?page=2"' in text
    assert "evil" not in text and "utm_source" not in text


def test_page_numbers_are_distinct_pages_and_junk_numbers_share_the_page_they_show(client, file_cache, article):
    for n in range(STORIES_PER_PAGE):
        Newsroom().article(f"第{n}条新闻", slug=f"news-{n}")
    first = client.get("/news/")
    second = client.get("/news/?page=2")
    assert second["X-Page-Cache"] == "miss"
    assert second.content != first.content
    current = re.search(r'class="pagination__number"[^>]*aria-current="page">(.*?)</a>', second.content.decode())
    assert strip_tags(current.group(1)) == "第2页（当前）"
    assert article.title in second.content.decode()  # the oldest story, on the last page
    stored = entries(file_cache)

    # The same numbers written differently, as the lists read them.
    for variant in ("page=02", "page=%32", "PAGE=2", f"page=2&page=1&{junk()}"):
        response = client.get(f"/news/?{variant}")
        assert response["X-Page-Cache"] == "hit", variant
        assert response.content == second.content, variant
    for variant in ("page=abc", "page=", "page=1.5", f"page={junk()}"):
        response = client.get(f"/news/?{variant}")
        assert response["X-Page-Cache"] == "hit", variant
        assert response.content == first.content, variant
    # Past the last page: not found, and nothing stored for it.
    for variant in ("page=3", "page=0", "page=99999999999"):
        assert client.get(f"/news/?{variant}").status_code == 404, variant
    assert entries(file_cache) == stored


def test_search_queries_are_distinct_pages_and_junk_is_ignored(client, file_cache, article):
    found = client.get("/search/?q=助残日")
    assert found["X-Page-Cache"] == "miss"
    assert f'href="{article.url}"' in found.content.decode()
    other = client.get("/search/?q=不存在的词语")
    assert other["X-Page-Cache"] == "miss"
    assert f'href="{article.url}"' not in other.content.decode()

    # Facet and sort links are built from the query: a first render with junk must not carry it.
    first_with_junk = client.get("/search/?q=助残日&sort=date&utm_campaign=evil")
    assert first_with_junk["X-Page-Cache"] == "miss"
    assert "evil" not in first_with_junk.content.decode()
    again = client.get(f"/search/?q=助残日&{junk()}")
    assert again["X-Page-Cache"] == "hit"
    assert again.content == found.content

    by_date = client.get("/search/?sort=date&q=助残日")
    assert by_date["X-Page-Cache"] == "hit"
    assert by_date.content == first_with_junk.content


def test_the_json_api_keys_on_its_parameters(client, file_cache, article):
    first = client.get("/api/search/?q=助残日&page_size=5")
    assert first.status_code == 200
    assert json.loads(first.content)["page_size"] == 5
    assert client.get(f"/api/search/?page_size=5&{junk()}&q=助残日")["X-Page-Cache"] == "hit"

    other = client.get("/api/search/?q=助残日&page_size=6")
    assert other["X-Page-Cache"] == "miss"
    assert json.loads(other.content)["page_size"] == 6
    assert client.get(f"/api/search/suggest/?q=助残&{junk()}").status_code == 200


def test_every_reader_view_declares_the_query_parameters_it_reads():
    # A view missing from VIEW_PARAMS is never cached: a new reader view must be added there.
    middleware = AnonymousPageCacheMiddleware(get_response=None)

    def views(resolver, prefix="/", namespace=""):
        for pattern in resolver.url_patterns:
            route = prefix + str(pattern.pattern).lstrip("^")
            if route.startswith(middleware.excluded_prefixes):
                continue
            if isinstance(pattern, URLResolver):
                yield from views(pattern, route, f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace)
            elif isinstance(pattern, URLPattern):
                yield route, f"{namespace}{pattern.name}"

    # Wagtail's own reader views (pages, declared by type; its login and password forms, which set
    # a CSRF cookie and are never cached) are not ours to declare.
    reader_views = {route: name for route, name in views(get_resolver()) if not name.startswith("wagtail")}
    assert "/sitemap.xml" in reader_views and "/api/search/" in reader_views
    assert {route: name for route, name in reader_views.items() if query.view_params(name) is None} == {}


def test_nginx_keys_its_cache_on_every_parameter_a_page_reads():
    line = next(
        line
        for line in (PROJECT_DIR / "deploy" / "nginx-proxy.conf").read_text().splitlines()
        if "proxy_cache_key" in line
    )
    keyed = set(re.findall(r"\$arg_(\w+)", line))
    declared = {name for params in query.VIEW_PARAMS for name in query.view_params(params)}
    declared |= {name for params in query.PAGE_PARAMS.values() for name in params}
    assert keyed == declared
    assert "$request_uri" not in line and "$args" not in line and "$query_string" not in line
