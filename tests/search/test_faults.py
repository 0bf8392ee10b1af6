"""Faults injected with real processes: an Elasticsearch node killed in the middle of an archive
import, and one that answers too slowly.

The killed node is a second node of this test's own (its own port and data directory, started
with .ci/elasticsearch.sh), never the shared one on ELASTICSEARCH_URL that other suites use.
The slow one is a TCP proxy process (slow_proxy.py) in front of the shared node that delivers
its answers late. Both need the real node: with CI=true a missing one fails these tests.
"""

import glob
import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import uuid
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command
from wagtail.signals import page_published

from search import text
from search.engines import elasticsearch_engine, embedded_engine
from search.engines.elastic import ElasticsearchEngine
from search.models import ElasticsearchBacklog, SearchDocument
from tests.leaks.engines import writes_commit_before_requests
from tests.newsroom import Newsroom

from .conftest import _elasticsearch_url

PROJECT_DIR = Path(__file__).resolve().parents[2]
WORD = "故障检查"
API = "/api/search/"


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class OwnNode:
    """A single Elasticsearch node of this test's own, which it may kill and start again."""

    def __init__(self):
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.dir = tempfile.mkdtemp(prefix="bulletin-es-faults-")

    def start(self):
        environment = {**os.environ, "ES_PORT": str(self.port), "ES_DIR": self.dir, "ES_HEAP": "512m"}
        result = subprocess.run(
            [str(PROJECT_DIR / ".ci" / "elasticsearch.sh")], env=environment, capture_output=True, text=True
        )
        if result.returncode != 0:
            reason = f"could not start an Elasticsearch node of the test's own: {result.stderr[-2000:]}"
            if os.environ.get("CI", "").lower() == "true":
                pytest.fail(reason)
            pytest.skip(reason)

    def kill(self):
        """SIGKILL, as a crash or the OOM killer would; returns once the port refuses."""
        [pid_file] = glob.glob(f"{self.dir}/elasticsearch-*/elasticsearch.pid")
        os.kill(int(Path(pid_file).read_text()), signal.SIGKILL)
        while True:
            try:
                socket.create_connection(("127.0.0.1", self.port), timeout=1).close()
            except OSError:
                return
            time.sleep(0.2)

    def remove(self):
        try:
            self.kill()
        except (ValueError, ProcessLookupError, OSError):
            pass  # already down
        shutil.rmtree(self.dir, ignore_errors=True)


@pytest.fixture(scope="module")
def own_node():
    _elasticsearch_url()  # the same requirement as the rest of the suite: a real node can run here
    node = OwnNode()
    try:
        node.start()
        yield node
    finally:
        node.remove()


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_node_killed_during_an_archive_import_catches_up_when_it_returns(own_node, settings, tmp_path, client):
    settings.ELASTICSEARCH_URL = own_node.url
    settings.SEARCH_ELASTICSEARCH_INDEX = "bulletin-faults"
    # A node just booted on a busy machine can take seconds to answer at first; slowness is the
    # other test's fault, not this one's.
    settings.SEARCH_ELASTICSEARCH_TIMEOUT = 30
    settings.PAGE_CACHE_TIMEOUT = 0
    ElasticsearchEngine.reset_availability()
    elasticsearch_engine().clear()
    items = [{"title": f"{WORD}稿件{n}", "body": f"{WORD}的正文{n}。", "date": "2023-11-28"} for n in range(12)]
    archive = tmp_path / "archive.jsonl"
    archive.write_text("".join(json.dumps(item, ensure_ascii=False) + "\n" for item in items), encoding="utf-8")

    published = []

    def kill_the_node_half_way(sender, instance, **kwargs):
        # The import is one transaction, sent to Elasticsearch when it commits: the node is gone
        # by then, and every story of the import is left for the drain.
        published.append(instance.pk)
        if len(published) == 6:
            own_node.kill()

    page_published.connect(kill_the_node_half_way, dispatch_uid="test-faults-kill")
    try:
        out = StringIO()
        call_command("import_articles", str(archive), "--batch-size", "3", stdout=out, stderr=StringIO())
    finally:
        page_published.disconnect(dispatch_uid="test-faults-kill")

    # The import completed; what the node missed waits in the backlog; readers get every story.
    assert "新发布 12 篇稿件" in out.getvalue()
    stories = set(SearchDocument.objects.values_list("pk", flat=True))
    assert len(stories) == 12
    assert set(ElasticsearchBacklog.objects.values_list("page_id", flat=True)) == set(published) == stories
    response = client.get(API, {"q": WORD, "page_size": 50})
    assert response["X-Search-Engine"] == "embedded"
    assert response.json()["count"] == 12

    with pytest.raises(Exception, match="unavailable"):
        call_command("drain_search_backlog")  # still away: the backlog stays
    assert ElasticsearchBacklog.objects.count() == 12

    own_node.start()  # the same data directory: the node comes back with what it had
    call_command("drain_search_backlog", stdout=StringIO())

    assert not ElasticsearchBacklog.objects.exists()
    terms = text.parse_query(WORD)
    assert set(elasticsearch_engine().matching_ids(terms)) == set(embedded_engine().matching_ids(terms)) == stories
    response = client.get(API, {"q": WORD, "page_size": 50})
    assert response["X-Search-Engine"] == "elasticsearch"
    assert response.json()["count"] == 12


@pytest.fixture
def slow_proxy(request):
    """Start slow_proxy.py in front of the shared node with the given delay; returns its URL."""
    target = _elasticsearch_url().removeprefix("http://").rstrip("/")
    processes = []

    def start(delay):
        process = subprocess.Popen(
            [sys.executable, str(Path(__file__).with_name("slow_proxy.py")), target, str(delay)],
            stdout=subprocess.PIPE,
            text=True,
        )
        processes.append(process)
        return f"http://127.0.0.1:{process.stdout.readline().strip()}"

    yield start
    for process in processes:
        process.kill()
        process.wait()


def test_a_node_answering_later_than_the_timeout_hands_readers_to_the_embedded_engine(
    slow_proxy, settings, db, client, request
):
    settings.ELASTICSEARCH_URL = _elasticsearch_url()
    settings.SEARCH_ELASTICSEARCH_INDEX = f"test-bulletin-slow-{uuid.uuid4().hex[:12]}"
    settings.SEARCH_ELASTICSEARCH_TIMEOUT = 0.5
    settings.PAGE_CACHE_TIMEOUT = 0
    ElasticsearchEngine.reset_availability()
    elasticsearch_engine().clear()
    request.addfinalizer(
        lambda: ElasticsearchEngine(_elasticsearch_url(), settings.SEARCH_ELASTICSEARCH_INDEX).delete_index()
    )
    with writes_commit_before_requests() as commit:
        Newsroom().brief(f"{WORD}简讯", f"{WORD}的简讯。")
        commit()

    # Through a proxy that answers within the timeout, Elasticsearch serves readers ...
    settings.ELASTICSEARCH_URL = slow_proxy(0.1)
    ElasticsearchEngine.reset_availability()
    response = client.get(API, {"q": WORD})
    assert response["X-Search-Engine"] == "elasticsearch"
    assert response.json()["count"] == 1

    # ... through one whose answers come after it, the embedded engine does, with the same story.
    settings.ELASTICSEARCH_URL = slow_proxy(2.0)
    ElasticsearchEngine.reset_availability()
    for path in (API, "/search/"):
        response = client.get(path, {"q": WORD})
        assert response.status_code == 200
        assert response["X-Search-Engine"] == "embedded"
    assert [r["title"] for r in client.get(API, {"q": WORD}).json()["results"]] == [f"{WORD}简讯"]
