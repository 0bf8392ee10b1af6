"""batched() for bulk imports, and the rebuild command."""

import pytest
from django.core.management import call_command

from search import indexing
from search.engines import elasticsearch_engine, embedded_engine
from search.models import EditorSearchEntry, SearchDocument
from tests.leaks.engines import run_commit_callbacks

API = "/api/search/"


def count(client, q):
    return client.get(API, {"q": q}).json()["count"]


def test_batched_defers_index_updates_and_writes_them_when_the_block_ends(client, newsroom):
    with indexing.batched():
        stories = [newsroom.brief(f"外事简讯{n}", "外事服务。") for n in range(3)]
        with indexing.batched():  # nested blocks join the outer one
            newsroom.brief("外事培训", "外事业务培训。")
        assert SearchDocument.objects.count() == 0
        assert count(client, "外事") == 0
        stories[0].unpublish()
    assert count(client, "外事") == 3
    assert SearchDocument.objects.count() == 3
    # Editors find live stories through the reader index; the unpublished one has an entry.
    assert list(EditorSearchEntry.objects.values_list("pk", flat=True)) == [stories[0].pk]


def test_what_is_scheduled_after_a_flush_is_indexed_when_the_block_ends(client, newsroom):
    with indexing.batched():
        newsroom.brief("外事简讯", "外事服务。")
        indexing.flush()  # as the archive importer does after each batch
        newsroom.brief("外事培训", "外事业务培训。")
        assert count(client, "外事") == 1
    assert count(client, "外事") == 2


def test_batched_still_indexes_what_was_saved_when_the_block_fails(client, newsroom):
    with pytest.raises(RuntimeError):
        with indexing.batched():
            newsroom.brief("外事简讯", "外事服务。")
            raise RuntimeError("import failed half way")
    assert count(client, "外事") == 1


def test_rebuild_command_rebuilds_from_the_page_tree(client, newsroom, engine, capsys):
    newsroom.brief("外事简讯", "外事服务。")
    newsroom.brief("城管草稿", "城管执法。", publish=False)
    run_commit_callbacks()  # the stories are committed (and sent) before the index is lost
    if engine == "elasticsearch":
        elasticsearch_engine().clear()
    else:
        embedded_engine().clear()
        embedded_engine().clear_editor_entries()
    assert count(client, "外事") == 0

    call_command("rebuild_search_index", "--engine", engine)
    out = capsys.readouterr()
    assert f"{engine} 1" in out.out
    assert "2/2" in out.err  # progress
    assert client.get(API, {"q": "外事"})["X-Search-Engine"] == engine
    assert count(client, "外事") == 1
    assert EditorSearchEntry.objects.get().text.startswith("城管草稿")


def test_rebuilding_elasticsearch_without_a_url_is_a_clear_error(settings, db):
    settings.ELASTICSEARCH_URL = ""
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match="ELASTICSEARCH_URL"):
        call_command("rebuild_search_index", "--engine", "elasticsearch")
