"""Hostile content (world.py) built once per module and per search engine, and Hypothesis settings.

Generated-input tests run a bounded number of examples with no deadline, so the suite stays
fast; under CI=true they are derandomized, so a red build is reproducible and never a fluke of
this run's draw. No example database is written to the working tree.
"""

import os

import pytest
from hypothesis import HealthCheck, settings

from tests.leaks.engines import ENGINES, rolled_back, search_engine

from . import world as hostile_world

settings.register_profile(
    "bulletin",
    max_examples=40,
    deadline=None,
    database=None,
    # The examples of one test share a module's data and a client; they only read.
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
settings.register_profile("bulletin-ci", parent=settings.get_profile("bulletin"), derandomize=True)
settings.load_profile("bulletin-ci" if os.environ.get("CI", "").lower() == "true" else "bulletin")


@pytest.fixture(scope="module", params=ENGINES)
def engine(request):
    return request.param


@pytest.fixture(scope="module")
def world(engine, django_db_setup, django_db_blocker, tmp_path_factory):
    with search_engine(engine), rolled_back(django_db_blocker):
        yield hostile_world.build(tmp_path_factory.mktemp("hostile"))


@pytest.fixture(scope="module")
def site_world(django_db_setup, django_db_blocker, tmp_path_factory):
    """For reader pages, which do not depend on the search engine: built once."""
    with search_engine("embedded"), rolled_back(django_db_blocker):
        yield hostile_world.build(tmp_path_factory.mktemp("hostile"))


@pytest.fixture
def reader(client, db, settings):
    """An anonymous reader, the page cache on as in production."""
    settings.PAGE_CACHE_TIMEOUT = 600
    return client
