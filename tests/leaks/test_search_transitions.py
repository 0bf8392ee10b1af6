"""Reader search follows a story through its life, on both engines: found exactly while readers
may see it. Each change is made the way the newsroom makes it (the admin, publish_scheduled)."""

import datetime
import uuid

import pytest
from django.urls import reverse
from django.utils import timezone
from wagtail.models import Page

from tests.newsroom import client_for
from tests.workflow.admin_forms import add_url, brief_form, edit_url, form_of
from tests.workflow.clock import admin_time, clock_at, publish_scheduled

from .engines import ENGINES, search_engine

pytestmark = pytest.mark.django_db


@pytest.fixture(params=ENGINES)
def engine(request, db, settings):
    """Function-scoped here: each test changes the index, so each gets an index of its own.

    The page cache is on, as in production: every change must also reach readers whose last
    search was cached.
    """
    settings.PAGE_CACHE_TIMEOUT = 600
    with search_engine(request.param):
        yield request.param


@pytest.fixture
def word():
    """A word only this test's story contains."""
    return f"lifecycle{uuid.uuid4().hex[:8]}"


def found(client, engine, word):
    """How many stories a reader's search for ``word`` finds, and how many titles it suggests."""
    response = client.get("/api/search/", {"q": word})
    assert response.status_code == 200
    assert response["X-Search-Engine"] == engine
    suggestions = client.get("/api/search/suggest/", {"q": word}).json()["suggestions"]
    return response.json()["count"], len(suggestions)


def create(editor_client, story_index, word, slug, **fields):
    editor_client.post(add_url(story_index), {**brief_form(f"{word} 标题", body=f"{word} 正文。", slug=slug), **fields})


def test_a_scheduled_story_is_found_once_publish_scheduled_makes_it_live(engine, editor, story_index, client, word):
    go_live = timezone.now().replace(second=0, microsecond=0) + datetime.timedelta(hours=2)
    create(
        client_for(editor), story_index, word, "scheduled", go_live_at=admin_time(go_live), **{"action-publish": "1"}
    )

    assert found(client, engine, word) == (0, 0)
    with clock_at(go_live + datetime.timedelta(minutes=1)):
        publish_scheduled()
    assert found(client, engine, word) == (1, 1)


def test_an_expired_story_is_not_found(engine, editor, story_index, client, word, settings):
    # The cache bounds its entries by the next expiry in real time, which the moved clock skips.
    settings.PAGE_CACHE_TIMEOUT = 0
    create(
        client_for(editor),
        story_index,
        word,
        "expiring",
        expire_at=admin_time(timezone.now() + datetime.timedelta(minutes=2)),
        **{"action-publish": "1"},
    )
    assert found(client, engine, word) == (1, 1)

    with clock_at(timezone.now() + datetime.timedelta(hours=1)):
        if engine == "embedded":
            # Gone at its expiry time, before publish_scheduled runs. (Elasticsearch compares
            # with its own clock, which this test cannot move; world.py's EXPIRED story covers it.)
            assert found(client, engine, word) == (0, 0)
        publish_scheduled()
    assert found(client, engine, word) == (0, 0)


def test_an_unpublished_story_is_not_found(engine, editor, story_index, client, word):
    editor_client = client_for(editor)
    create(editor_client, story_index, word, "withdrawn", **{"action-publish": "1"})
    assert found(client, engine, word) == (1, 1)

    page = Page.objects.get(slug="withdrawn")
    editor_client.post(reverse("wagtailadmin_pages:unpublish", args=[page.pk]))

    assert found(client, engine, word) == (0, 0)


@pytest.mark.parametrize(
    "privacy", [{"restriction_type": "login"}, {"restriction_type": "password", "password": "pw123"}]
)
def test_a_story_made_private_is_not_found(privacy, engine, editor, story_index, client, word):
    editor_client = client_for(editor)
    create(editor_client, story_index, word, "private", **{"action-publish": "1"})
    assert found(client, engine, word) == (1, 1)

    page = Page.objects.get(slug="private")
    editor_client.post(reverse("wagtailadmin_pages:set_privacy", args=[page.pk]), {**privacy, "groups": []})

    assert found(client, engine, word) == (0, 0)


def test_an_unpublished_edit_is_not_found_until_published(engine, editor, story_index, client, word):
    editor_client = client_for(editor)
    create(editor_client, story_index, word, "edited", **{"action-publish": "1"})
    page = Page.objects.get(slug="edited")
    new_word = f"{word}new"

    editor_client.post(edit_url(page), form_of(page, title=f"{new_word} 标题", body=f"{new_word} 正文。"))
    assert found(client, engine, new_word) == (0, 0)
    assert found(client, engine, word) == (1, 1)

    editor_client.post(edit_url(page), {**form_of(page), "action-publish": "1"})
    assert found(client, engine, new_word) == (1, 1)


def test_a_submitted_story_is_found_only_after_the_editor_approves(engine, reporter, editor, story_index, client, word):
    reporter_client = client_for(reporter)
    create(reporter_client, story_index, word, "submitted", **{"action-submit": "1"})
    page = Page.objects.get(slug="submitted")
    assert page.specific.workflow_in_progress
    assert found(client, engine, word) == (0, 0)

    task_state = page.specific.current_workflow_task_state
    client_for(editor).post(
        reverse("wagtailadmin_pages:workflow_action", args=[page.pk, "approve", task_state.pk]), {"comment": ""}
    )
    assert found(client, engine, word) == (1, 1)
