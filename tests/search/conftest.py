"""The search suite runs against both engines: ``engine`` is "embedded" or "elasticsearch".

The Elasticsearch runs use the real node named by the environment's ELASTICSEARCH_URL (start
one with .ci/elasticsearch.sh), each test with an index of its own, deleted afterwards. With
CI=true a missing or silent node fails those runs; elsewhere they are skipped, saying why.

Stories are made as the admin makes them: added under the story index, saved as a revision
and published through it (or left as drafts), so the index follows the real signals.
"""

import datetime
import itertools
import os
import uuid

import pytest
from django.core.management import call_command
from wagtail.rich_text import RichText

from bulletin.editions.models import Edition
from bulletin.people.models import Person
from bulletin.stories.models import ArticlePage, BriefPage, Byline, StoryIndexPage
from bulletin.topics.models import Topic

SEED_DATE = "2023-11-28"


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
    yield "elasticsearch"
    elasticsearch_engine().delete_index()
    ElasticsearchEngine.reset_availability()


class Newsroom:
    """Stories, people and editions for a test, made through Wagtail's page APIs."""

    def __init__(self):
        self.index = StoryIndexPage.objects.get()
        self.counter = itertools.count(1)

    def topic(self, name):
        return Topic.objects.get_or_create(name=name, defaults={"slug": name})[0]

    def person(self, name):
        return Person.objects.get_or_create(name=name)[0]

    def edition(self, number, date=datetime.date(2023, 11, 28)):
        return Edition.objects.get_or_create(number=number, defaults={"date": date})[0]

    def article(self, title, text="", **fields):
        fields.setdefault("body", [("paragraph", RichText(f"<p>{text or title}</p>"))])
        return self._add(ArticlePage(title=title, **self._page_fields(fields)), **fields)

    def notice(self, title, text="", **fields):
        return self.article(title, text, is_notice=True, **fields)

    def brief(self, title, text="", **fields):
        fields.setdefault("body", text or title)
        return self._add(BriefPage(title=title, **self._page_fields(fields)), **fields)

    def _page_fields(self, fields):
        page_fields = {k: v for k, v in fields.items() if k not in {"bylines", "topics", "publish"}}
        page_fields.setdefault("slug", f"story-{next(self.counter)}")
        page_fields.setdefault("date", datetime.date(2023, 11, 28))
        return page_fields

    def _add(self, page, bylines=(), topics=(), publish=True, **_):
        for name, role in bylines:
            page.bylines.add(Byline(person=self.person(name), role=role))
        for topic in topics:
            page.topics.add(self.topic(topic))
        page.live = False  # live only once a revision is published, as in the admin
        self.index.add_child(instance=page)
        revision = page.save_revision()
        if publish:
            revision.publish()
        page.refresh_from_db()
        return page.specific


@pytest.fixture
def newsroom(db, engine):
    return Newsroom()


@pytest.fixture
def embedded_newsroom(db, settings):
    """For what does not depend on the reader engine (the admin, validation): embedded only."""
    settings.ELASTICSEARCH_URL = ""
    return Newsroom()


@pytest.fixture
def seed_edition(db, engine, seed_edition_path):
    """The demo print edition, imported and published the way the newsroom does it."""
    call_command("import_edition", str(seed_edition_path), "--date", SEED_DATE, "--publish", verbosity=0)
    return seed_edition_path
