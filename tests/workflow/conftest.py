"""Newsroom accounts in each role, for driving the Wagtail admin as them (see admin_forms.py).

The groups come from bulletin/workflow/migrations/0001_newsroom_roles.py, so these tests check
the permissions a real installation gets, not ones set up here.
"""

import pytest

from bulletin.people.models import Person


@pytest.fixture(autouse=True)
def no_page_cache(settings):
    """Reader pages fetched here must show the state the admin just left; the cache has its own tests."""
    settings.PAGE_CACHE_TIMEOUT = 0


@pytest.fixture
def person(db):
    return Person.objects.create(name="王明玥", unit="本报")
