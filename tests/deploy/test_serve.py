"""tools/serve.sh as a newsroom runs it: production settings, gunicorn workers, whitenoise, the
page cache shared by every worker, and the publish_scheduled loop, each in a process of its own.

The site gets a database of its own: an SQLite file, or on PostgreSQL (DATABASE_URL=postgres://)
a fresh database on the same server.
"""

import time

import pytest

from tests.conftest import PROJECT_DIR

from .serving import nginx_in_front, serve, wait_for_status, wait_out_nginx_microcache

# Run in the served site's own database, by tests/newsroom.py as every other test story is
# made; prints the new story's address.
CREATE_STORY = """
import datetime
from django.utils import timezone
from tests.newsroom import Newsroom

go_live_at = None if {go_live_in} is None else timezone.now() + datetime.timedelta(seconds={go_live_in})
print(Newsroom().article({title!r}, "正文", slug={slug!r}, go_live_at=go_live_at).url)
"""

# The schedule comes due: the scheduled revision and the page made to go live now, as an hour's
# wait would leave them, without the wait.
BRING_SCHEDULE_FORWARD = """
from django.core.serializers.json import DjangoJSONEncoder
from django.utils import timezone
from bulletin.stories.models import ArticlePage

page = ArticlePage.objects.get(slug={slug!r})
now = timezone.now()
revision = page.latest_revision
revision.approved_go_live_at = now
revision.content["go_live_at"] = DjangoJSONEncoder().default(now)
revision.save(update_fields=["approved_go_live_at", "content"])
print(ArticlePage.objects.filter(pk=page.pk, live=False).update(go_live_at=now))
"""

RETITLE_STORY = """
from bulletin.stories.models import ArticlePage

page = ArticlePage.objects.get(slug={slug!r})
page.title = {title!r}
page.save_revision().publish()
"""


@pytest.fixture(scope="module")
def site(tmp_path_factory, database_url):
    with serve(tmp_path_factory.mktemp("serve"), database_url) as site:
        yield site


def test_plain_http_is_redirected_to_https_and_https_gets_hsts(site):
    status, headers, _ = site.get("/", https=False)
    assert status == 301
    assert headers["Location"].startswith("https://127.0.0.1")

    status, headers, _ = site.get("/")
    assert status == 200
    assert "max-age=" in headers["Strict-Transport-Security"]


def test_debug_is_off(site):
    status, _, body = site.get("/no-such-page/")
    assert status == 404
    assert b"URLconf" not in body and b"Traceback" not in body


def test_every_worker_serves_from_the_one_shared_cache(site):
    path = site.run(CREATE_STORY, title="缓存共享测试", slug="shared-cache", go_live_in=None).split()[-1]

    status, headers, first = site.get(path)
    assert status == 200 and headers["X-Page-Cache"] == "miss"
    # Two workers take these in turn: each finds the page the other one stored.
    for _ in range(6):
        status, headers, body = site.get(path)
        assert headers["X-Page-Cache"] == "hit"
        assert body == first


def test_a_publish_in_another_process_reaches_readers_at_once(site):
    path = site.run(CREATE_STORY, title="修改前的标题", slug="retitled", go_live_in=None).split()[-1]
    assert "修改前的标题" in site.get(path)[2].decode()
    assert site.get(path)[1]["X-Page-Cache"] == "hit"

    site.run(RETITLE_STORY, slug="retitled", title="修改后的标题")

    body = site.get(path)[2].decode()
    assert "修改后的标题" in body
    assert "修改前的标题" not in body


def test_the_publish_loop_takes_a_scheduled_story_live(site):
    # Scheduled an hour ahead, then brought forward: a schedule of seconds raced the shell's
    # own start-up and indexing on a loaded machine, and the story was sometimes live already.
    path = site.run(CREATE_STORY, title="定时发布的稿件", slug="scheduled", go_live_in=3600).split()[-1]
    assert site.get(path)[0] == 404

    assert site.run(BRING_SCHEDULE_FORWARD, slug="scheduled").split()[-1] == "1"

    assert wait_for_status(site, path, 200), site.log.read_text()
    assert "定时发布的稿件" in site.get(path)[2].decode()


def test_static_files_are_compressed_with_far_future_cache_headers(site):
    hashed = next(site.static_root.glob("wagtailadmin/css/core.*.css"))
    path = "/static/" + hashed.relative_to(site.static_root).as_posix()

    status, headers, _ = site.get(path, **{"Accept-Encoding": "gzip"})
    assert status == 200
    assert headers["Content-Encoding"] == "gzip"
    assert "max-age=315360000" in headers["Cache-Control"]
    assert "immutable" in headers["Cache-Control"]


@pytest.fixture(scope="module")
def nginx(site):
    """nginx with deploy/nginx-proxy.conf in front of the served site, on a loopback port."""
    with nginx_in_front(site, [PROJECT_DIR / "deploy" / "nginx-proxy.conf"]) as front:
        yield front


def test_nginx_keeps_an_anonymous_page_for_a_second(site, nginx):
    path = site.run(CREATE_STORY, title="前端缓存测试", slug="microcache", go_live_in=None).split()[-1]

    nginx.get(path, https=False)
    status, headers, body = nginx.get(path, https=False)
    assert status == 200
    assert headers["X-Proxy-Cache"] == "HIT"
    assert "前端缓存测试" in body.decode()


def test_nginx_passes_editors_and_the_admin_through(nginx):
    nginx.get("/", https=False)
    status, headers, _ = nginx.get("/", https=False, Cookie="sessionid=an-editors-session")
    assert headers["X-Proxy-Cache"] == "BYPASS"
    for _ in range(2):
        status, headers, _ = nginx.get("/admin/login/", https=False)
        assert status == 200
        assert "X-Proxy-Cache" not in headers


def test_a_publish_shows_through_nginx_after_at_most_a_second(site, nginx):
    path = site.run(CREATE_STORY, title="发布前", slug="through-nginx", go_live_in=None).split()[-1]
    nginx.get(path, https=False)
    assert nginx.get(path, https=False)[1]["X-Proxy-Cache"] == "HIT"
    filled_at = time.time()

    site.run(RETITLE_STORY, slug="through-nginx", title="发布后")
    wait_out_nginx_microcache(filled_at)

    assert "发布后" in nginx.get(path, https=False)[2].decode()
