"""PostgreSQL: the embedded engine reads tsvectors only through their GIN indexes.

After ANALYZE the planner may estimate that a frequent fragment matches so many rows that
reading the whole table is cheaper; it cannot see that every row it reads then de-TOASTs a
tsvector of a whole story. The engine runs its statements with sequential scans off, and this
proves the plan on a table like the archive's: long stories, a fragment in two thirds of them.
"""

import datetime
import json

import pytest
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext

from search import text
from search.documents import StoryDocument
from search.engines import SearchRequest, embedded_engine

pytestmark = pytest.mark.skipif(connection.vendor != "postgresql", reason="a PostgreSQL planner test")

PARAGRAPH = "区委区政府召开专题会议，研究部署城市更新、民生保障和营商环境等重点工作。"


@pytest.fixture
def archive(db):
    """600 stories of some 600 characters (their tsvectors are TOASTed); 中国 in 400."""
    engine = embedded_engine()
    documents = [
        StoryDocument(
            page_id=1_000_000 + n,
            title=f"第{n}期要闻",
            subtitle="",
            body=(PARAGRAPH * 16) + ("中国式现代化" if n % 3 else ""),
            meta="",
            kind="article",
            date=datetime.date(2023, 1, 1),
        )
        for n in range(600)
    ]
    engine.fulltext.write_reader(documents)
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE search_pgtext")
        cursor.execute("ANALYZE search_pgrank")
    return engine


def scans(engine, sql, with_engine_settings=True):
    """The relations the plan of ``sql`` reads, as (node type, relation) pairs."""
    explain = f"EXPLAIN (FORMAT JSON) {sql}"
    with connection.cursor() as cursor:
        if with_engine_settings:
            rows = engine.fulltext.execute(cursor, explain, None)
        else:
            cursor.execute(explain)
            rows = cursor.fetchall()
    plan = rows[0][0]
    plan = json.loads(plan) if isinstance(plan, str) else plan
    found = []

    def walk(node):
        if "Relation Name" in node or "Index Name" in node:
            found.append((node["Node Type"], node.get("Relation Name") or node["Index Name"]))
        for child in node.get("Plans", []):
            walk(child)

    walk(plan[0]["Plan"])
    return found


def search_statement(engine, query):
    request = SearchRequest(terms=tuple(text.parse_query(query)), limit=20)
    with CaptureQueriesContext(connection) as queries:
        engine.search(request)
    # The engine sends its settings and the statement in one string; the statement is the one
    # with the hits.
    sent = next(q["sql"] for q in queries.captured_queries if "docs AS MATERIALIZED" in q["sql"])
    return next(statement for statement in sent.split("; ") if statement.startswith("WITH "))


def test_a_frequent_fragment_is_found_through_the_gin_indexes_after_analyze(archive):
    sql = search_statement(archive, "中国")
    found = scans(archive, sql)
    assert ("Bitmap Heap Scan", "search_pgtext") in found
    # Through the tsvectors' index, not every row of the scope through the primary key.
    assert ("Bitmap Index Scan", "search_pgtext_grams") in found
    assert not [scan for scan in found if scan[1] == "search_pgtext_pkey"]
    assert not [scan for scan in found if scan[0] == "Seq Scan" and scan[1].startswith("search_pg")]
    # Without the engine's settings, the planner would read every row of the table.
    assert ("Seq Scan", "search_pgtext") in scans(archive, sql, with_engine_settings=False)


def test_the_settings_end_with_the_search_inside_a_transaction(db):
    settings = "SELECT current_setting('enable_seqscan'), current_setting('jit')"
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(settings)
        before = cursor.fetchone()
        embedded_engine().search(SearchRequest(terms=tuple(text.parse_query("中国")), limit=20))
        cursor.execute(settings)
        assert cursor.fetchone() == before
