"""One definition of what readers may see (bulletin.stories.visibility), and every user of it agreeing
on every hidden state of the leak world: the reader queryset, the in-memory rules the search index
is written by, and what each search engine can return.
"""

import pytest

from bulletin.stories.models import StoryPage
from bulletin.stories.visibility import Visibility
from search import text
from search.engines import elasticsearch_engine, embedded_engine

from .world import DRAFT_REVISION, PUBLIC, SCHEDULED_REVISION, SHARED_WORD

READABLE = (PUBLIC, DRAFT_REVISION, SCHEDULED_REVISION)

pytestmark = pytest.mark.django_db


def world_ids(world):
    return {page.pk for page in world.stories.values()}


def test_the_reader_queryset_and_the_in_memory_rules_agree_on_every_story(world):
    visibility = Visibility()
    for_readers = set(StoryPage.objects.for_readers().filter(pk__in=world_ids(world)).values_list("pk", flat=True))
    for (marker, kind), page in world.stories.items():
        page = StoryPage.objects.get(pk=page.pk)
        assert visibility.readers_may_see(page) == (page.pk in for_readers), (marker, kind)
    # Every hidden state is hidden; a story with a newer draft or scheduled version stays readable.
    readable = {page.pk for (marker, _), page in world.stories.items() if marker in READABLE}
    assert for_readers == readable
    assert len(for_readers) == world.public_count


def test_the_search_index_holds_exactly_what_readers_may_see(engine, world):
    search_engine = elasticsearch_engine() if engine == "elasticsearch" else embedded_engine()
    found = set(search_engine.matching_ids(text.parse_query(SHARED_WORD)))
    for_readers = set(StoryPage.objects.for_readers().filter(pk__in=world_ids(world)).values_list("pk", flat=True))
    assert found == for_readers
