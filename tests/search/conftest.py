"""The search suite runs against both engines: ``engine`` is "embedded" or "elasticsearch".

The Elasticsearch runs use the real node named by the environment's ELASTICSEARCH_URL (start
one with .ci/elasticsearch.sh), each test with an index of its own, deleted afterwards. With
CI=true a missing or silent node fails those runs; elsewhere they are skipped, saying why.

Stories are made as the admin makes them (tests/newsroom.py), so the index follows the real
signals.
"""

import datetime
import os
import uuid

import pytest
from django.core.management import call_command

from tests.leaks.engines import writes_commit_before_requests
from tests.newsroom import Newsroom

SEED_DATE = "2023-11-28"
SEED_DAY = datetime.date(2023, 11, 28)  # of stories made without a date


def _node_answers(url):
    from elasticsearch import Elasticsearch

    try:
        return Elasticsearch(url, request_timeout=3, max_retries=0).cluster.health()["status"] in ("green", "yellow")
    except Exception:
        return False


def _elasticsearch_url():
    """The node to test against; fails under CI and skips elsewhere when there is none."""
    url = os.environ.get("ELASTICSEARCH_URL", "")
    in_ci = os.environ.get("CI", "").lower() == "true"
    if not url:
        reason = "ELASTICSEARCH_URL is not set (start a node with .ci/elasticsearch.sh and export it)"
        if in_ci:
            pytest.fail(f"CI=true needs a real Elasticsearch node: {reason}")
        pytest.skip(reason)
    if not _node_answers(url):
        reason = f"no Elasticsearch node answers at {url}"
        if in_ci:
            pytest.fail(f"CI=true needs a real Elasticsearch node: {reason}")
        pytest.skip(reason)
    return url


@pytest.fixture(autouse=True)
def no_page_cache(settings):
    """Search responses must show the state the test just left; the page cache has its own tests."""
    settings.PAGE_CACHE_TIMEOUT = 0


@pytest.fixture(params=["embedded", "elasticsearch"])
def engine(request, settings, db):
    """Which engine readers' searches go to; the embedded index is always kept as well."""
    from search.engines import elasticsearch_engine
    from search.engines.elastic import ElasticsearchEngine

    if request.param == "embedded":
        settings.ELASTICSEARCH_URL = ""
        yield "embedded"
        return
    settings.ELASTICSEARCH_URL = _elasticsearch_url()
    settings.SEARCH_ELASTICSEARCH_INDEX = f"test-bulletin-{uuid.uuid4().hex[:12]}"
    ElasticsearchEngine.reset_availability()
    elasticsearch_engine().clear()  # as rebuild_search_index does when a site turns Elasticsearch on
    with writes_commit_before_requests():
        yield "elasticsearch"
    elasticsearch_engine().delete_index()
    ElasticsearchEngine.reset_availability()


@pytest.fixture
def newsroom(db, engine):
    return Newsroom(story_date=SEED_DAY)


@pytest.fixture
def embedded_newsroom(db, settings):
    """For what does not depend on the reader engine (the admin, validation): embedded only."""
    settings.ELASTICSEARCH_URL = ""
    return Newsroom(story_date=SEED_DAY)


@pytest.fixture
def seed_edition(db, engine, seed_edition_path):
    """The demo print edition, imported and published the way the newsroom does it."""
    call_command("import_edition", str(seed_edition_path), "--date", SEED_DATE, "--publish", verbosity=0)
    return seed_edition_path
