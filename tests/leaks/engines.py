"""Running tests against each search engine, and data shared by a whole module.

Search runs on two engines: the embedded one (SQLite FTS5 or PostgreSQL, whichever database the
suite runs on) and Elasticsearch at ELASTICSEARCH_URL, in an index of its own that is deleted
afterwards. Without a node the Elasticsearch half is skipped on a developer's machine and fails
in CI (CI=true), where a missing node is a broken build, not a reason to test less.
"""

import os
import uuid
from contextlib import contextmanager

import pytest
from django.core.signals import request_started
from django.db import DEFAULT_DB_ALIAS, connections, transaction
from django.test import override_settings

ENGINES = ["embedded", "elasticsearch"]


def elasticsearch_url():
    """The node to test against: skipped without one on a developer's machine, failed in CI."""
    from elasticsearch import Elasticsearch

    url = os.environ.get("ELASTICSEARCH_URL", "")
    if not url:
        problem = "ELASTICSEARCH_URL is not set"
    else:
        try:
            healthy = Elasticsearch(url, request_timeout=3, max_retries=0).cluster.health()["status"] != "red"
        except Exception as error:  # any failure to answer means the same here: no usable node
            healthy, problem = False, f"no Elasticsearch node answers at {url}: {error}"
        else:
            problem = f"the Elasticsearch node at {url} is unhealthy"
        if healthy:
            return url
    if os.environ.get("CI", "").lower() == "true":
        pytest.fail(f"CI=true needs a real Elasticsearch node for the leak tests: {problem}")
    pytest.skip(problem)


@contextmanager
def search_engine(name):
    """Settings under which reader search (and indexing) goes to the named engine."""
    if name == "embedded":
        with override_settings(ELASTICSEARCH_URL=""):
            yield
        return

    from search.engines import elasticsearch_engine
    from search.engines.elastic import ElasticsearchEngine

    index = f"bulletin-leaks-{uuid.uuid4().hex[:12]}"
    with override_settings(ELASTICSEARCH_URL=elasticsearch_url(), SEARCH_ELASTICSEARCH_INDEX=index):
        ElasticsearchEngine.reset_availability()
        elasticsearch_engine().clear()  # an empty index with our mappings, as rebuild_search_index makes
        try:
            with writes_commit_before_requests():
                yield
        finally:
            elasticsearch_engine().delete_index()
            ElasticsearchEngine.reset_availability()


def run_commit_callbacks(using=DEFAULT_DB_ALIAS):
    """Run the on-commit callbacks the test's writes registered so far, as if they had committed.

    Elasticsearch is written on commit (search.indexing), but these tests run inside a
    transaction that never commits, so without this the node would never hear of their stories.
    This is what Django's captureOnCommitCallbacks(execute=True) does when its block ends;
    callbacks of a block that rolled back were already discarded by Django. The tests of commit
    and rollback themselves (tests/search/test_on_commit.py) use real commits.
    """
    connection = connections[using]
    while connection.run_on_commit:
        _, callback, _ = connection.run_on_commit.pop(0)
        callback()


@contextmanager
def writes_commit_before_requests(using=DEFAULT_DB_ALIAS):
    """Inside the block, what the test wrote is committed (run_commit_callbacks) before each
    request it makes: on a real site a reader's request comes after the writer's commit.
    Yields run_commit_callbacks, for checks made without a request."""

    def before_request(**kwargs):
        run_commit_callbacks(using)

    request_started.connect(before_request, dispatch_uid="tests-writes-commit-before-requests")
    try:
        yield lambda: run_commit_callbacks(using)
    finally:
        request_started.disconnect(dispatch_uid="tests-writes-commit-before-requests")


@contextmanager
def rolled_back(django_db_blocker):
    """A transaction around a whole module's data, rolled back when the module is done.

    Each test's own transaction (the ``db`` fixture) nests inside it as a savepoint, so tests
    cannot disturb the shared world, and nothing is left for other modules.
    """
    with django_db_blocker.unblock():
        with transaction.atomic():
            yield
            transaction.set_rollback(True)
