"""Fixtures shared by every test package. Package-specific fixtures live beside their tests."""

from pathlib import Path

import pytest

PROJECT_DIR = Path(__file__).resolve().parent.parent
SEED_EDITION = PROJECT_DIR / "demo" / "edition-2023-11-28.txt"


@pytest.fixture
def seed_edition_path():
    return SEED_EDITION


@pytest.fixture
def story_index(db):
    from bulletin.stories.models import StoryIndexPage

    return StoryIndexPage.objects.get()


@pytest.fixture(autouse=True)
def empty_page_cache():
    """Every test starts with an empty page cache: each test's database starts afresh too."""
    from django.core.cache import caches

    for cache in caches.all():
        cache.clear()
