"""PostgreSQL: the planner's statistics of the search tables are refreshed after a bulk write.

Estimated from tables as they were before an archive import (empty) the planner chose plans
that read every row; autovacuum gets to the tables some time later, or, on a busy server, not
before the first readers do. So a rebuild, and a batched() block that indexed a batch or more
(an archive import), end with ANALYZE; a small batch (an edition's few stories) leaves it to
autovacuum.
"""

import json

import pytest
from django.core.management import call_command
from django.db import connection

from search import indexing

pytestmark = pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL's planner statistics")

TABLES = ("search_pgtext", "search_pgrank", "search_searchdocument", "search_searchdocumenttext")
PENDING_INDEXES = ("search_pgtext_grams", "search_pgrank_head", "search_pgrank_head_words", "search_pgrank_body_words")


def analyze_counts():
    """How many times each search table was ANALYZEd by hand (autovacuum counts apart)."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_stat_clear_snapshot()")  # the counts as they are now, not as first read
        cursor.execute("SELECT relname, analyze_count FROM pg_stat_user_tables WHERE relname = ANY(%s)", [list(TABLES)])
        return dict(cursor.fetchall())


def import_articles(tmp_path, count):
    items = [{"title": f"统计信息稿件{n}", "body": "区里开展专项行动。", "date": "2023-11-20"} for n in range(count)]
    path = tmp_path / "archive.jsonl"
    path.write_text("".join(json.dumps(item, ensure_ascii=False) + "\n" for item in items), encoding="utf-8")
    call_command("import_articles", str(path), verbosity=0, stdout=None, stderr=None)


@pytest.fixture
def small_batches(monkeypatch):
    monkeypatch.setattr(indexing, "BATCH_SIZE", 3)


def test_rebuild_search_index_analyzes_the_search_tables(embedded_newsroom):
    embedded_newsroom.article("统计信息")
    before = analyze_counts()
    call_command("rebuild_search_index", "--no-progress", stdout=None)
    after = analyze_counts()
    assert {table: after[table] - before[table] for table in TABLES} == dict.fromkeys(TABLES, 1)


def test_an_archive_import_of_a_batch_or_more_analyzes_them(embedded_newsroom, tmp_path, small_batches):
    before = analyze_counts()
    import_articles(tmp_path, 4)
    after = analyze_counts()
    assert {table: after[table] - before[table] for table in TABLES} == dict.fromkeys(TABLES, 1)


def test_a_smaller_import_leaves_them_to_autovacuum(embedded_newsroom, tmp_path, small_batches):
    before = analyze_counts()
    import_articles(tmp_path, 2)
    assert analyze_counts() == before


def pending_pages():
    """The pages waiting in each GIN index's pending list (merging them now says how many)."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT i.relname, gin_clean_pending_list(i.oid) FROM pg_index x JOIN pg_class i ON i.oid = x.indexrelid "
            "JOIN pg_class t ON t.oid = x.indrelid JOIN pg_am a ON a.oid = i.relam "
            "WHERE a.amname = 'gin' AND t.relname IN ('search_pgtext', 'search_pgrank')"
        )
        return dict(cursor.fetchall())


def test_nothing_written_waits_in_the_gin_pending_lists_that_every_search_reads(embedded_newsroom, tmp_path):
    # Each search reads a GIN index's pending list in full: a rebuild, an import and a publish
    # merge what they wrote into the indexes' main structure.
    embedded_newsroom.article("待合并条目", text="区里开展专项行动。" * 50)
    assert pending_pages() == dict.fromkeys(PENDING_INDEXES, 0)
    import_articles(tmp_path, 4)
    assert pending_pages() == dict.fromkeys(PENDING_INDEXES, 0)
    call_command("rebuild_search_index", "--no-progress", stdout=None)
    assert pending_pages() == dict.fromkeys(PENDING_INDEXES, 0)
