"""Saving a draft changes nothing readers see, so it leaves the public page cache alone; publishing
does not (bulletin.stories.visibility decides both, for the cache and for search).

Driven through the Wagtail admin as an editor works (tests/workflow/admin_forms.py), with the
page cache on as in production.
"""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from bulletin.caching import pagecache
from search.models import EditorSearchEntry
from tests.newsroom import Newsroom, client_for
from tests.workflow.admin_forms import edit_url, form_of

pytestmark = pytest.mark.django_db


@pytest.fixture
def live_story(editor, story_index, settings):
    settings.ELASTICSEARCH_URL = ""
    return Newsroom().brief(
        owner=editor, title="社区合伙人吸纳12个项目", publish=True, slug="hehuoren", date=datetime.date(2023, 11, 28)
    )


def cached_read(reader, url):
    """The page as a reader gets it, and whether it came from the cache (no database query)."""
    with CaptureQueriesContext(connection) as queries:
        response = reader.get(url)
    assert response.status_code == 200
    return response.content.decode(), len(queries) == 0


def test_saving_a_draft_in_the_admin_keeps_the_cache_and_publishing_empties_it(editor, live_story, reader):
    admin = client_for(editor)
    first, _ = cached_read(reader, live_story.url)
    assert "社区合伙人吸纳12个项目" in first
    generation = pagecache.current_generation()

    response = admin.post(edit_url(live_story), form_of(live_story, title="社区合伙人吸纳30个项目"))
    assert response.status_code == 302
    live_story.refresh_from_db()
    assert live_story.has_unpublished_changes  # the draft is saved ...

    assert pagecache.current_generation() == generation  # ... and the public cache is kept:
    page, from_cache = cached_read(reader, live_story.url)
    assert from_cache and page == first
    # Editors find the draft at once all the same.
    assert "30个" in EditorSearchEntry.objects.get(pk=live_story.pk).text

    response = admin.post(edit_url(live_story), {**form_of(live_story), "action-publish": "1"})
    assert response.status_code == 302

    assert pagecache.current_generation() != generation
    page, from_cache = cached_read(reader, live_story.url)
    assert not from_cache and "社区合伙人吸纳30个项目" in page
