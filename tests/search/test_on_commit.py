"""Index writes follow the transaction of the change that made them (search.indexing).

These tests commit for real (a transactional database) against a real Elasticsearch node, each
in an index of its own: a rolled-back import batch or publish leaves nothing in either index,
nothing in the backlog; a committed one is in both.
"""

import json
import uuid
from io import StringIO

import pytest
from django.core.management import call_command
from django.db import transaction

from search import text
from search.engines import elasticsearch_engine, embedded_engine
from search.engines.elastic import ElasticsearchEngine
from search.models import EditorSearchEntry, ElasticsearchBacklog, SearchDocument
from tests.newsroom import Newsroom

from .conftest import _elasticsearch_url

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

WORD = "提交检查"
ITEMS = [{"title": f"{WORD}稿件{n}", "body": f"{WORD}的正文{n}。", "date": f"2023-11-2{n}"} for n in range(1, 6)]


class RolledBack(Exception):
    pass


@pytest.fixture
def node(settings, request):
    settings.ELASTICSEARCH_URL = _elasticsearch_url()
    settings.SEARCH_ELASTICSEARCH_INDEX = f"test-bulletin-commit-{uuid.uuid4().hex[:12]}"
    settings.PAGE_CACHE_TIMEOUT = 0
    ElasticsearchEngine.reset_availability()
    engine = elasticsearch_engine()
    engine.clear()
    # The flush between these tests empties the models' tables, not PostgreSQL's full-text rows
    # (raw tables), which carry their own filter columns and would still match.
    embedded_engine().clear()
    request.addfinalizer(engine.delete_index)
    return engine


@pytest.fixture
def archive(tmp_path):
    path = tmp_path / "archive.jsonl"
    path.write_text("".join(json.dumps(item, ensure_ascii=False) + "\n" for item in ITEMS), encoding="utf-8")
    return path


def import_archive(path):
    out = StringIO()
    call_command("import_articles", str(path), "--batch-size", "2", stdout=out, stderr=StringIO())
    assert f"新发布 {len(ITEMS)} 篇稿件" in out.getvalue()


def in_elasticsearch(node):
    return set(node.matching_ids(text.parse_query(WORD)))


def in_embedded():
    return set(embedded_engine().matching_ids(text.parse_query(WORD)))


def test_a_rolled_back_import_leaves_nothing_in_either_index(node, archive, client):
    with pytest.raises(RolledBack), transaction.atomic():
        import_archive(archive)  # its batches commit as savepoints of this transaction
        assert len(in_embedded()) == len(ITEMS)  # the embedded index is written inside it
        raise RolledBack

    assert node.document_count() == 0
    assert in_embedded() == set()
    assert not SearchDocument.objects.exists() and not EditorSearchEntry.objects.exists()
    assert not ElasticsearchBacklog.objects.exists()
    response = client.get("/api/search/", {"q": WORD})
    assert response["X-Search-Engine"] == "elasticsearch"
    assert response.json()["count"] == 0


def test_a_committed_import_is_in_both_indexes(node, archive, client):
    import_archive(archive)

    stories = set(SearchDocument.objects.values_list("pk", flat=True))
    assert len(stories) == len(ITEMS)
    assert in_elasticsearch(node) == in_embedded() == stories
    assert not ElasticsearchBacklog.objects.exists()  # sent on commit, nothing left over
    response = client.get("/api/search/", {"q": WORD})
    assert response["X-Search-Engine"] == "elasticsearch"
    assert response.json()["count"] == len(ITEMS)


def test_a_rolled_back_publish_leaves_nothing_in_either_index_and_a_committed_one_is_in_both(node, client):
    draft = Newsroom().brief(f"{WORD}草稿", f"{WORD}的草稿。", publish=False)

    with pytest.raises(RolledBack), transaction.atomic():
        draft.get_latest_revision().publish()
        assert in_embedded() == {draft.pk}
        raise RolledBack
    assert in_elasticsearch(node) == in_embedded() == set()
    assert not ElasticsearchBacklog.objects.exists()

    draft.get_latest_revision().publish()
    assert in_elasticsearch(node) == in_embedded() == {draft.pk}
    assert not ElasticsearchBacklog.objects.exists()


def test_a_rolled_back_unpublish_leaves_the_story_in_both_indexes_and_a_committed_one_removes_it(node):
    story = Newsroom().brief(f"{WORD}简讯", f"{WORD}的简讯。")
    assert in_elasticsearch(node) == {story.pk}

    with pytest.raises(RolledBack), transaction.atomic():
        story.unpublish()
        assert in_embedded() == set()
        raise RolledBack
    assert in_elasticsearch(node) == in_embedded() == {story.pk}

    story.refresh_from_db()
    story.unpublish()  # the same change again, committed this time
    assert in_elasticsearch(node) == in_embedded() == set()
