"""Elasticsearch as a cluster runs it, against the real node: the index readers search is an
alias; rebuild_search_index fills a new index beside the live one and swaps it in, while readers
keep complete results and changes made meanwhile reach the new index; the index's shards and
replicas come from the environment; a mapping the code changed is reported at start-up; a
reader's search is one request, on the one client of the process.
"""

import threading
import time

import pytest
from django.core import checks
from django.core.management import call_command

from search import indexing, text
from search.engines import Filters, SearchRequest, elasticsearch_engine
from search.engines.elastic import ADMIN_TIMEOUT, mapping_fingerprint
from search.models import ElasticsearchBacklog
from tests.leaks.engines import run_commit_callbacks

pytestmark = pytest.mark.parametrize("engine", ["elasticsearch"], indirect=True)

WORD = "重建检查"


def live_indices(engine):
    return sorted(engine.client.indices.get_alias(name=engine.index_name).body)


def rebuild():
    call_command("rebuild_search_index", "--engine", "elasticsearch", "--no-progress", stdout=None)


def search(engine, word=WORD):
    return engine.search(SearchRequest(terms=tuple(text.parse_query(word)), filters=Filters(), limit=50))


@pytest.fixture
def stories(newsroom, engine, monkeypatch):
    # Small batches, so that a rebuild of a dozen stories takes several steps.
    monkeypatch.setattr(indexing, "BATCH_SIZE", 2)
    pages = [newsroom.article(f"{WORD}稿件{n}", topics=["助残"]) for n in range(12)]
    run_commit_callbacks()
    rebuild()
    return pages


def test_the_index_name_is_an_alias_and_a_rebuild_replaces_the_index_behind_it(engine, stories, settings):
    es = elasticsearch_engine()
    before = live_indices(es)
    assert len(before) == 1 and before[0] != es.index_name

    settings.SEARCH_ELASTICSEARCH_SHARDS = 2
    rebuild()

    after = live_indices(es)
    assert len(after) == 1 and after != before
    assert not es.client.indices.exists(index=before[0])  # the old one is deleted
    index_settings = es.client.indices.get_settings(index=after[0]).body[after[0]]["settings"]["index"]
    assert (index_settings["number_of_shards"], index_settings["number_of_replicas"]) == ("2", "0")
    assert search(es).total == len(stories)


def test_readers_get_every_hit_and_no_error_throughout_a_rebuild(engine, stories):
    es = elasticsearch_engine()
    totals, errors = [], []
    rebuilding = threading.Event()
    done = threading.Event()

    def read():
        while not done.is_set():
            try:
                result = search(es)
            except Exception as error:  # noqa: BLE001 - whatever it is, a reader would have seen it
                errors.append(error)
            else:
                totals.append((rebuilding.is_set(), result.total, len(result.hits)))

    reader = threading.Thread(target=read)
    reader.start()
    try:
        rebuilding.set()
        rebuild()
        rebuilding.clear()
        searched_after = len(totals)
        while len(totals) + len(errors) < searched_after + 5:  # and on the new index
            time.sleep(0.01)
    finally:
        done.set()
        reader.join()

    assert errors == []
    assert {(total, hits) for _, total, hits in totals} == {(len(stories), len(stories))}
    assert sum(during for during, _, _ in totals) >= 5, "the reader searched while the rebuild ran"


def test_changes_made_during_a_rebuild_reach_the_new_index(engine, stories, newsroom):
    es = elasticsearch_engine()
    first = stories[0]  # copied in the first batch, then unpublished
    later = []

    def progress(done, total):
        if done == 2:  # after the first batch, before the rest
            first.unpublish()
            later.append(newsroom.article(f"{WORD}重建期间发布"))
            run_commit_callbacks()

    indexing.rebuild([es], progress=progress)

    found = {hit.page_id for hit in search(es).hits}
    assert first.pk not in found
    assert later[0].pk in found
    assert found == {page.pk for page in stories[1:]} | {later[0].pk}
    assert not ElasticsearchBacklog.objects.exists()


def test_a_mapping_the_code_changed_is_reported_at_start_up_until_a_rebuild(engine, stories):
    es = elasticsearch_engine()
    assert search_messages() == []

    # As an index built by an earlier version of the code: another fingerprint. A mapping change
    # is a cluster-state update, an operator's call: it gets the operator's timeout, as the
    # code's own (the reader's two seconds ran out on a loaded machine).
    es.client.options(request_timeout=ADMIN_TIMEOUT).indices.put_mapping(
        index=es.index_name, meta={"fingerprint": "an-older-mapping"}
    )
    assert [message.id for message in search_messages()] == ["search.W003"]
    assert mapping_fingerprint() in search_messages()[0].msg

    rebuild()
    assert search_messages() == []

    es.delete_index()
    assert [message.id for message in search_messages()] == ["search.W002"]
    es.clear()  # for the fixture to delete


def search_messages():
    return checks.run_checks(tags=["search"])


def test_a_search_with_facets_and_filters_is_one_request_on_the_processs_one_client(engine, stories, monkeypatch):
    es = elasticsearch_engine()
    assert elasticsearch_engine().client is es.client  # one client (and connection pool) per process
    requests = []
    perform = es.client.transport.perform_request

    def counting(method, path, **kwargs):
        requests.append((method, path))
        return perform(method, path, **kwargs)

    monkeypatch.setattr(es.client.transport, "perform_request", counting)
    result = es.search(SearchRequest(terms=tuple(text.parse_query(WORD)), filters=Filters(topic="助残"), limit=5))

    assert result.total == len(stories) and len(result.hits) == 5
    assert dict(result.facets["topic"])["助残"] == len(stories)
    assert requests == [("POST", f"/{es.index_name}/_search")]
