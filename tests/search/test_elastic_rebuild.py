"""rebuild_search_index --engine elasticsearch, as operators run it (search.engines.elastic.IndexBuild):
the new index is merged before readers get it, and a second rebuild while one runs fails clearly
instead of taking the first one's index away."""

from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from search import indexing, text
from search.documents import StoryDocument
from search.engines import Filters, SearchRequest, elasticsearch_engine
from search.engines.elastic import IndexBuild, RebuildInProgress
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


def test_a_second_rebuild_while_one_runs_fails_clearly_and_leaves_the_first_one_intact(engine, stories):
    es = elasticsearch_engine()
    live = es._indices_of(es.index_name)
    first = es.start_rebuild()  # as rebuild_search_index does, before it fills the new index

    with pytest.raises(CommandError, match=f"another rebuild of {es.index_name} is running"):
        rebuild()

    assert es._indices_of(es.rebuilding_alias) == [first.name]  # nothing of the second one
    assert es._indices_of(es.index_name) == live
    first.index(StoryDocument.from_page(page) for page in stories)
    first.swap()
    assert es._indices_of(es.index_name) == [first.name]
    assert found(es) == len(stories)
    rebuild()  # the first one is done: the lock is free again
    assert found(es) == len(stories)


def test_a_rebuild_that_stopped_reporting_is_taken_over(engine, stories, monkeypatch):
    es = elasticsearch_engine()
    killed = es.start_rebuild()  # and then never heard of again
    monkeypatch.setattr(IndexBuild, "LOCK_STALE_AFTER", 0)

    rebuild()

    assert not es.client.indices.exists(index=killed.name)
    assert found(es) == len(stories)
    with pytest.raises(RebuildInProgress, match="took over"):
        killed.index([])  # had it only been slow, it learns that it lost the lock


def test_a_rebuild_that_fails_frees_the_lock_for_the_next(engine, stories, monkeypatch):
    es = elasticsearch_engine()
    live = es._indices_of(es.index_name)

    def broken(self, documents):
        raise RuntimeError("the database went away")

    with monkeypatch.context() as patched:
        patched.setattr(IndexBuild, "index", broken)
        with pytest.raises(RuntimeError):
            rebuild()
    assert es._indices_of(es.index_name) == live  # readers keep the live index
    assert es._indices_of(es.rebuilding_alias) == []

    rebuild()  # not "another rebuild is running"
    assert found(es) == len(stories)
