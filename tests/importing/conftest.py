"""Fixtures for the importer tests: running the commands, counting what the database holds."""

import os
from pathlib import Path

import pytest

from tests.conftest import PROJECT_DIR

SEED_DATE = "2023-11-28"


# Everything an import writes.
WRITTEN = [
    "wagtailcore.Page",
    "wagtailcore.Revision",
    "wagtailcore.PageLogEntry",
    "wagtailcore.ReferenceIndex",
    "people.Person",
    "topics.Topic",
    "editions.Edition",
    "stories.Byline",
    "stories.StoryTopic",
    "importing.ImportedStory",
    "related.StoryWord",
    "related.RelatedStory",
    # The search app's tables: a story in an index but not in the database would be found.
    "search.SearchDocument",
    "search.SearchDocumentText",
    "search.EditorSearchEntry",
    "search.ElasticsearchBacklog",
]


def row_counts():
    """Row counts of everything an import writes, to show that a run wrote nothing."""
    from django.apps import apps

    return {name: apps.get_model(name).objects.count() for name in WRITTEN}


@pytest.fixture
def database_counts(db):
    return row_counts


@pytest.fixture
def write_file(tmp_path):
    def write(name, content):
        path = tmp_path / name
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8")
        return path

    return write


@pytest.fixture
def corpus_path():
    """The benchmark corpus, outside the repository. In CI it must be there."""
    candidates = [Path(os.environ["BULLETIN_CORPUS"])] if os.environ.get("BULLETIN_CORPUS") else []
    candidates.append(PROJECT_DIR.parent / "shared" / "corpus")
    for candidate in candidates:
        path = candidate / "articles.jsonl" if candidate.is_dir() else candidate
        if path.is_file():
            return path
    if os.environ.get("CI") == "true":
        pytest.fail(f"the corpus is missing in CI (looked in {', '.join(map(str, candidates))})")
    pytest.skip("the benchmark corpus is not on this machine")
