"""Two app servers behind nginx, as a newsroom runs them past one machine: two tools/serve.sh on
different ports against one PostgreSQL database, one Elasticsearch index and one Redis (the page
cache), with nginx balancing them round-robin (deploy/nginx-proxy.conf as shipped). Media are
shared, and the publish loop runs on one server only (PUBLISH_LOOP=false on the other).

An editor publishes through one server and unpublishes through the other, in the admin; readers
read through both, directly and through nginx. After the unpublish returns no reader gets the
story from either server, from the shared page cache or from search. The one exception is by
design: nginx's micro-cache may give a reader its copy of a page for the second it keeps it
(deploy/nginx-proxy.conf), so a request nginx has kept is checked once that second is over,
and requests nginx has not kept are checked at once.

Needs PostgreSQL (DATABASE_URL=postgres://…; on SQLite this module belongs to the postgres
suite and is skipped), Elasticsearch (ELASTICSEARCH_URL) and Redis (REDIS_URL); with CI=true a
missing server fails it.
"""

import contextlib
import json
import os
import time
import uuid
from pathlib import Path
from urllib.parse import quote

import pytest
import redis

from tests.conftest import PROJECT_DIR
from tests.newsroom import PASSWORD
from tests.search.conftest import _elasticsearch_url

from .conftest import redis_url
from .serving import Browser, nginx_in_front, serve, wait_out_nginx_microcache

if not os.environ.get("DATABASE_URL", "").startswith("postgres"):
    pytest.skip(
        "several app servers share one PostgreSQL: this module runs in the postgres suite (DATABASE_URL=postgres://…)",
        allow_module_level=True,
    )

TITLE = "两台服务器共同发布的稿件"
SLUG = "two-servers"

# A draft made by tests/newsroom.py in the shared database, and an account to publish it with;
# prints the story's id and its (short) address.
SETUP = """
import json
from tests.newsroom import Newsroom, make_user

make_user("bianji", is_superuser=True)
page = Newsroom().article({title!r}, "正文", slug={slug!r}, publish=False)
print(json.dumps({{"id": page.id, "path": page.url}}))
"""


DELETE_INDEX = """
from search.engines import elasticsearch_engine
elasticsearch_engine().delete_index()
"""


@pytest.fixture(scope="module")
def cluster(tmp_path_factory, database_url):
    """Two served sites sharing everything a newsroom shares, and nginx in front of both."""
    elasticsearch = _elasticsearch_url()
    cache = redis_url()
    prefix = f"test-cluster-{uuid.uuid4().hex[:12]}"
    index = f"test-cluster-{uuid.uuid4().hex[:12]}"
    media = tmp_path_factory.mktemp("shared-media")
    shared = {
        "WEB_CONCURRENCY": "1",  # two servers are the point here, not their workers
        "ELASTICSEARCH_URL": elasticsearch,
        "ELASTICSEARCH_INDEX": index,
        "CACHE_URL": f"{cache}?key_prefix={prefix}",
        "MEDIA_ROOT": str(media),
        "SITE_URL": "https://news.example.cn",
    }
    with contextlib.ExitStack() as stack:
        # One after the other: the first migrates the new database, the second finds it done.
        first = stack.enter_context(serve(tmp_path_factory.mktemp("first"), database_url, **shared))
        second = stack.enter_context(
            serve(tmp_path_factory.mktemp("second"), database_url, PUBLISH_LOOP="false", **shared)
        )
        front = stack.enter_context(nginx_in_front([first, second], [PROJECT_DIR / "deploy" / "nginx-proxy.conf"]))
        first.manage("rebuild_search_index", "--engine", "elasticsearch", "--no-progress")
        stack.callback(first.run, DELETE_INDEX)
        connection = redis.Redis.from_url(cache)
        stack.callback(lambda: [connection.delete(key) for key in connection.scan_iter(match=f"{prefix}:*")])
        yield first, second, front


def reader(site, front):
    """GETs from ``site`` directly as nginx would pass them on: with nginx's Host, so that the page
    cache keys are those of the requests nginx sends (one entry per page in the shared cache)."""
    host = front.url.removeprefix("http://")
    return lambda path: site.get(path, Host=host)


def editor(site):
    browser = Browser(site, "https://" + site.url.removeprefix("http://"))
    assert browser.login("bianji", PASSWORD)[0] == 302
    return browser


def search_titles(get):
    status, headers, body = get("/api/search/?q=" + quote(TITLE))
    assert status == 200
    assert headers["X-Search-Engine"] == "elasticsearch"
    return [result["title"] for result in json.loads(body)["results"]]


def test_an_unpublish_on_one_server_reaches_every_reader_of_both_at_once(cluster):
    first, second, front = cluster
    story = json.loads(first.run(SETUP, title=TITLE, slug=SLUG).strip().splitlines()[-1])
    path = story["path"]
    servers = [reader(first, front), reader(second, front)]
    for get in servers:
        assert get(path)[0] == 404  # a draft

    # Published in the admin of the first server.
    status, _ = editor(first).post(f"/admin/bulk/wagtailcore/page/publish/?id={story['id']}")
    assert status == 302

    # The first reader's request renders the page into the shared cache; the second server
    # answers from that entry.
    status, headers, page = servers[0](path)
    assert status == 200 and headers["X-Page-Cache"] == "miss" and TITLE in page.decode()
    status, headers, same = servers[1](path)
    assert status == 200 and headers["X-Page-Cache"] == "hit" and same == page
    for get in servers:
        assert TITLE in get("/")[2].decode()
        assert search_titles(get) == [TITLE]
    # nginx keeps its own copy too.
    front.get(path, https=False)
    status, headers, _ = front.get(path, https=False)
    filled_at = time.time()
    assert status == 200 and headers["X-Proxy-Cache"] == "HIT"

    # Unpublished in the admin of the second server.
    status, _ = editor(second).post(f"/admin/pages/{story['id']}/unpublish/")
    assert status == 302

    # At once, whichever server a reader reaches, for the page, the lists and search.
    for get in servers:
        assert get(path)[0] == 404
        assert TITLE not in get("/")[2].decode()
        assert search_titles(get) == []
    # Through nginx, at once for every request it has not kept: ?page= is part of nginx's key but
    # not read by a story, so each of these goes to the next server in turn and gets the page
    # the plain URL gives. (nginx keeps only 200s, so a 404 is never its copy.)
    for number in (2, 3):
        assert front.get(f"{path}?page={number}", https=False)[0] == 404

    # The plain URL nginx kept: gone when nginx's second is over.
    wait_out_nginx_microcache(filled_at)
    assert front.get(path, https=False)[0] == 404


def test_the_publish_loop_runs_on_one_server_only(cluster):
    first, second, _ = cluster
    assert publish_loops(first) == 1
    assert publish_loops(second) == 0


def publish_loops(site):
    """The publish_scheduled_loop processes that this site's serve.sh started (its session)."""
    session = int((site.run_dir / "serve.pid").read_text())
    count = 0
    for process in Path("/proc").iterdir():
        try:
            in_session = os.getsid(int(process.name)) == session
            count += in_session and b"publish_scheduled_loop" in (process / "cmdline").read_bytes()
        except (ValueError, OSError):  # not a process, or one that has just exited
            continue
    return count
