"""The round trips of a reader search through /api/search/: as few as the answer needs, and as
many for a hundred results and facet values as for one. Every one costs a wait on the database
server, which on a busy machine is more than the query itself."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from search.models import Synonym

API = "/api/search/"


def search_queries(client, params):
    """The statements the search sends (the reader search log's write is querylog's affair)."""
    with CaptureQueriesContext(connection) as captured:
        response = client.get(API, params)
    assert response.status_code == 200
    sent = [q["sql"] for q in captured.captured_queries]
    return response.json(), [sql for sql in sent if "search_readersearch" not in sql and "SAVEPOINT" not in sql]


def warm_search_queries(client, params):
    """As search_queries, once the site's root paths are read (after a publish, the first
    request reads them again)."""
    search_queries(client, params)
    return search_queries(client, params)


@pytest.fixture
def stories(embedded_newsroom):
    def make(count, first=0):
        for n in range(first, first + count):
            edition = embedded_newsroom.edition(100 + n)
            embedded_newsroom.article(
                f"往返检查{n}",
                topics=[f"往返专题{n}"],
                bylines=[(f"往返记者{n}", "记者"), (f"往返摄影{n}", "摄影")],
                edition=edition,
            )

    return make


def test_the_names_of_topics_people_and_editions_are_read_in_one_statement(client, stories):
    stories(2)
    body, sent = search_queries(client, {"q": "往返检查"})
    naming = [sql for sql in sent if "topics_topic" in sql or "people_person" in sql or "editions_edition" in sql]
    assert len(naming) == 1
    assert {v["label"] for v in body["facets"]["topic"]} == {"往返专题0", "往返专题1"}
    assert {v["label"] for v in body["facets"]["person"]} >= {"往返记者0（记者）", "往返摄影1（摄影）"}
    assert [v["label"] for v in body["facets"]["edition"]] == ["第101期（2023年11月28日）", "第100期（2023年11月28日）"]


def test_more_results_and_facet_values_take_no_more_round_trips(client, stories):
    stories(1)
    _, one = warm_search_queries(client, {"q": "往返检查"})
    stories(5, first=1)
    body, six = warm_search_queries(client, {"q": "往返检查"})
    assert body["count"] == 6 and len(body["facets"]["person"]) == 12
    assert len(six) == len(one)


def test_the_stories_shown_are_read_with_their_text_and_checked_for_readers_in_one_statement(client, stories):
    stories(2)
    body, sent = warm_search_queries(client, {"q": "往返检查"})
    shown = [sql for sql in sent if "search_searchdocumenttext" in sql or "wagtailcore_page" in sql]
    assert len(shown) == 1
    assert "search_searchdocumenttext" in shown[0] and "wagtailcore_page" in shown[0]
    assert {r["title"] for r in body["results"]} == {"往返检查0", "往返检查1"}
    assert all(r["url"].startswith("/") and r["snippet"] for r in body["results"])


def test_synonyms_are_read_once_per_page_cache_generation(client, stories):
    stories(1)
    _, sent = warm_search_queries(client, {"q": "往返检查"})
    assert not [sql for sql in sent if "search_synonym" in sql]
    Synonym.objects.create(terms="往返检查，来回检查")  # starts a new generation (search.signals)
    body, sent = search_queries(client, {"q": "来回检查"})
    assert len([sql for sql in sent if "search_synonym" in sql]) == 1
    assert body["count"] == 1
    body, sent = search_queries(client, {"q": "来回检查"})
    assert not [sql for sql in sent if "search_synonym" in sql]
    assert body["count"] == 1
