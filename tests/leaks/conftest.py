"""The leak world (world.py), built once per module and per search engine, rolled back after."""

import pytest

from . import world as leak_world
from .engines import ENGINES, rolled_back, run_commit_callbacks, search_engine


@pytest.fixture(scope="module", params=ENGINES)
def engine(request):
    """The search engine under test; every test using it runs once per engine."""
    return request.param


@pytest.fixture(scope="module")
def world(engine, django_db_setup, django_db_blocker):
    with search_engine(engine), rolled_back(django_db_blocker):
        built = leak_world.build()
        run_commit_callbacks()  # the world is committed before the tests read it
        yield built


@pytest.fixture(scope="module")
def site_world(django_db_setup, django_db_blocker):
    """The world for reader pages, which do not depend on the search engine: built once."""
    with search_engine("embedded"), rolled_back(django_db_blocker):
        yield leak_world.build()


@pytest.fixture
def reader(client, db, settings):
    """An anonymous reader's client, the page cache switched on as in production."""
    settings.PAGE_CACHE_TIMEOUT = 600
    return client
