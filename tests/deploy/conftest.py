"""A story for the page-cache tests (made by tests/newsroom.py), and a database for the tests that
run tools/serve.sh."""

import os

import dj_database_url
import pytest

from bulletin.people.models import Person
from bulletin.topics.models import Topic
from tests.newsroom import Newsroom


@pytest.fixture
def person(db):
    return Person.objects.create(name="王记者", unit="上街区融媒体中心")


@pytest.fixture
def topic(db):
    return Topic.objects.get(name="助残")


@pytest.fixture
def article(person, topic):
    return Newsroom().article(
        "助残日活动在上街区举行",
        "助残日活动在上街区举行的正文。",
        slug="zhucanri",
        bylines=[(person, "记者")],
        topics=[topic],
    )


@pytest.fixture(scope="module")
def database_url(tmp_path_factory):
    """A database of its own for a served site: an SQLite file, or a fresh PostgreSQL database on
    the server DATABASE_URL names."""
    test_database = os.environ.get("DATABASE_URL", "")
    if not test_database.startswith("postgres"):
        yield f"sqlite:///{tmp_path_factory.mktemp('serve') / 'db.sqlite3'}"
        return

    import psycopg

    config = dj_database_url.parse(test_database)
    name = f"{config['NAME']}_serve_test"
    server = {
        "host": config["HOST"],
        "port": config["PORT"] or 5432,
        "user": config["USER"],
        "password": config["PASSWORD"],
    }
    with psycopg.connect(dbname="postgres", autocommit=True, **server) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        connection.execute(f'CREATE DATABASE "{name}"')
    yield test_database.rsplit("/", 1)[0] + f"/{name}"
    with psycopg.connect(dbname="postgres", autocommit=True, **server) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def redis_url():
    """The Redis server named by REDIS_URL (tools/redis.sh prints one); fails under CI and skips
    elsewhere when there is none, as the Elasticsearch tests do."""
    import redis

    url = os.environ.get("REDIS_URL", "")
    reason = "REDIS_URL is not set (start a server with tools/redis.sh and export what it prints)"
    if url:
        try:
            redis.Redis.from_url(url, socket_timeout=3).ping()
        except redis.RedisError as error:
            reason = f"no Redis answers at {url}: {error}"
        else:
            return url
    if os.environ.get("CI", "").lower() == "true":
        pytest.fail(f"CI=true needs a real Redis server: {reason}")
    pytest.skip(reason)
