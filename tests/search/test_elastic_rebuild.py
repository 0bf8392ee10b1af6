"""rebuild_search_index --engine elasticsearch, as operators run it (search.engines.elastic.IndexBuild):
the new index is merged before readers get it, and a second rebuild while one runs fails clearly
instead of taking the first one's index away."""

from io import StringIO

import pytest
from django.core.management import call_command

from search import indexing, text
from search.engines import Filters, SearchRequest, elasticsearch_engine
from tests.leaks.engines import run_commit_callbacks

pytestmark = pytest.mark.parametrize("engine", ["elasticsearch"], indirect=True)

WORD = "合并检查"


def rebuild():
    call_command("rebuild_search_index", "--engine", "elasticsearch", "--no-progress", stdout=StringIO())


def found(engine):
    return engine.search(SearchRequest(terms=tuple(text.parse_query(WORD)), filters=Filters(), limit=50)).total


@pytest.fixture
def stories(newsroom, engine, monkeypatch):
    # Batches of two, each written with a refresh: a segment each, as a large archive has many.
    monkeypatch.setattr(indexing, "BATCH_SIZE", 2)
    pages = [newsroom.article(f"{WORD}稿件{n}") for n in range(6)]
    run_commit_callbacks()
    return pages


def test_readers_get_the_rebuilt_index_merged_into_one_segment(engine, stories):
    rebuild()
    es = elasticsearch_engine()
    shards = es.client.indices.segments(index=es.index_name).body["indices"]
    ((name, index),) = shards.items()
    assert [copy["num_search_segments"] for copies in index["shards"].values() for copy in copies] == [1]
    assert found(es) == len(stories)
