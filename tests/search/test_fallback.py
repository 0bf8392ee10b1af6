"""Readers still get results, from the embedded engine, when Elasticsearch is down or slow."""

import socket
import uuid
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext

from search.engines.elastic import ElasticsearchEngine
from search.models import ElasticsearchBacklog
from tests.leaks.engines import writes_commit_before_requests
from tests.newsroom import Newsroom

from .conftest import _elasticsearch_url

API = "/api/search/"


def closed_port_url():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    return f"http://127.0.0.1:{port}"  # nothing listens there once the probe is closed


@pytest.fixture
def silent_node_url():
    """A port that accepts connections and never answers: a node too slow to wait for."""
    server = socket.socket()
    server.bind(("127.0.0.1", 0))
    server.listen(64)
    yield f"http://127.0.0.1:{server.getsockname()[1]}"
    server.close()


def point_elasticsearch_at(settings, url, index="test-bulletin-fallback"):
    settings.ELASTICSEARCH_URL = url
    settings.SEARCH_ELASTICSEARCH_INDEX = index
    ElasticsearchEngine.reset_availability()


def test_when_elasticsearch_is_down_readers_get_embedded_results(client, settings, db):
    point_elasticsearch_at(settings, closed_port_url())
    story = Newsroom().brief("助残暖冬行", "区残联为残疾人更换假肢。")  # publishing does not fail

    response = client.get(API, {"q": "假肢"})
    assert response.status_code == 200
    assert response["X-Search-Engine"] == "embedded"
    assert [r["title"] for r in response.json()["results"]] == ["助残暖冬行"]

    page = client.get("/search/", {"q": "假肢"})
    assert page.status_code == 200
    assert "助残暖冬行" in page.content.decode()
    suggestions = client.get("/api/search/suggest/", {"q": "助残"}).json()["suggestions"]
    assert [s["title"] for s in suggestions] == ["助残暖冬行"]
    # What Elasticsearch missed waits for it to come back.
    assert ElasticsearchBacklog.objects.filter(page_id=story.pk).exists()


def test_when_elasticsearch_is_too_slow_readers_get_embedded_results(client, settings, db, silent_node_url):
    settings.SEARCH_ELASTICSEARCH_TIMEOUT = 0.5
    point_elasticsearch_at(settings, silent_node_url)
    Newsroom().brief("公积金业务周末办", "周末可办理公积金业务。")
    ElasticsearchEngine.reset_availability()  # the search itself must meet the silent node

    response = client.get(API, {"q": "公积金"})
    assert response.status_code == 200
    assert response["X-Search-Engine"] == "embedded"
    assert [r["title"] for r in response.json()["results"]] == ["公积金业务周末办"]


@pytest.fixture
def catch_up_index(settings, request):
    url = _elasticsearch_url()
    index = f"test-bulletin-catch-up-{uuid.uuid4().hex[:8]}"
    point_elasticsearch_at(settings, url, index)
    ElasticsearchEngine(url, index).clear()
    request.addfinalizer(lambda: ElasticsearchEngine(url, index).delete_index())
    return url, index


def test_what_elasticsearch_missed_is_sent_by_the_drain_not_by_readers(client, settings, db, catch_up_index):
    url, index = catch_up_index
    with writes_commit_before_requests() as commit:
        newsroom = Newsroom()
        newsroom.brief("外事服务进企业", "区委外事服务中心上门服务。")
        withdrawn = newsroom.brief("外事简讯", "外事工作简讯。")
        commit()
        assert not ElasticsearchBacklog.objects.exists()  # sent on commit

        point_elasticsearch_at(settings, closed_port_url(), index)  # the node goes away
        withdrawn.unpublish()
        later = newsroom.brief("外事培训", "外事业务培训。")
        body = client.get(API, {"q": "外事"})  # the sends fail: the stories wait in the backlog
        assert body["X-Search-Engine"] == "embedded"
        assert sorted(r["title"] for r in body.json()["results"]) == ["外事培训", "外事服务进企业"]
        missed = {withdrawn.pk, later.pk}
        assert set(ElasticsearchBacklog.objects.values_list("page_id", flat=True)) == missed

        point_elasticsearch_at(settings, url, index)  # and comes back
        node = ElasticsearchEngine(url, index)
        with CaptureQueriesContext(connection) as queries:
            body = client.get(API, {"q": "外事"})
        assert body["X-Search-Engine"] == "elasticsearch"
        # The reader's request neither looked at the backlog nor sent it.
        assert not [q["sql"] for q in queries if ElasticsearchBacklog._meta.db_table in q["sql"]]
        assert set(ElasticsearchBacklog.objects.values_list("page_id", flat=True)) == missed
        assert node.document_count() == 2  # still the two stories of before the outage

        call_command("drain_search_backlog", stdout=StringIO())
        assert not ElasticsearchBacklog.objects.exists()
        body = client.get(API, {"q": "外事"})
        assert body["X-Search-Engine"] == "elasticsearch"
        assert body.json()["count"] == 2
        assert sorted(r["title"] for r in body.json()["results"]) == ["外事培训", "外事服务进企业"]


def test_with_elasticsearch_up_a_reader_search_reads_and_writes_nothing_else(client, settings, db, catch_up_index):
    url, index = catch_up_index
    newsroom = Newsroom()
    with writes_commit_before_requests() as commit:
        newsroom.brief("外事服务进企业", "区委外事服务中心上门服务。")
        commit()
    # A change whose send has not happened yet (its transaction, here the test's, has not
    # committed): it waits in the backlog, as after an outage.
    newsroom.brief("外事培训", "外事业务培训。")
    with CaptureQueriesContext(connection) as queries:
        response = client.get(API, {"q": "外事"})
        page = client.get("/search/", {"q": "外事"})
        suggestions = client.get("/api/search/suggest/", {"q": "外事"})
    assert response["X-Search-Engine"] == page["X-Search-Engine"] == "elasticsearch"
    assert suggestions.status_code == 200
    assert not [q["sql"] for q in queries if ElasticsearchBacklog._meta.db_table in q["sql"]]
    assert ElasticsearchBacklog.objects.count() == 1
    assert ElasticsearchEngine(url, index).document_count() == 1


def test_the_drain_command_without_elasticsearch_does_nothing(settings, db):
    settings.ELASTICSEARCH_URL = ""
    out = StringIO()
    call_command("drain_search_backlog", stdout=out)
    assert out.getvalue() == ""


def test_the_drain_command_fails_while_elasticsearch_is_away(settings, db):
    point_elasticsearch_at(settings, closed_port_url())
    ElasticsearchBacklog.objects.create(page_id=1)
    with pytest.raises(CommandError, match="unavailable"):
        call_command("drain_search_backlog")
    assert ElasticsearchBacklog.objects.filter(page_id=1).exists()


def test_until_its_index_is_built_elasticsearch_is_not_used(client, settings, db, request):
    url = _elasticsearch_url()
    index = "test-bulletin-never-built"
    point_elasticsearch_at(settings, url, index)
    request.addfinalizer(lambda: ElasticsearchEngine(url, index).delete_index())
    Newsroom().brief("外事简讯", "外事工作简讯。")  # a write does not create a half index
    assert not ElasticsearchEngine(url, index).client.indices.exists(index=index)
    assert client.get(API, {"q": "外事"})["X-Search-Engine"] == "embedded"

    call_command("rebuild_search_index", "--engine", "elasticsearch", "--no-progress", stdout=StringIO())
    response = client.get(API, {"q": "外事"})
    assert response["X-Search-Engine"] == "elasticsearch"
    assert response.json()["count"] == 1


def test_the_background_loop_drains_the_backlog_and_outlives_an_outage(client, settings, db, catch_up_index, caplog):
    from bulletin.ops.management.commands.publish_scheduled_loop import Task

    url, index = catch_up_index
    story = Newsroom().brief("外事培训", "外事业务培训。")  # not committed (the test's transaction): queued
    drain = Task("drain_search_backlog", interval=10)

    point_elasticsearch_at(settings, closed_port_url(), index)
    drain.run()  # the node is away: said in the log, the loop goes on, the backlog stays
    assert "unavailable" in caplog.text
    assert ElasticsearchBacklog.objects.filter(page_id=story.pk).exists()

    point_elasticsearch_at(settings, url, index)
    drain.run()
    assert not ElasticsearchBacklog.objects.exists()
    assert ElasticsearchEngine(url, index).document_count() == 1
