"""Wagtail and Django signals that change what readers or editors find, routed to indexing.

Connected in SearchConfig.ready().
"""

import threading

from django.db.models.signals import post_delete, post_save
from wagtail.models import Page, PageViewRestriction
from wagtail.signals import page_published, page_unpublished, post_page_move

from bulletin.caching.invalidation import invalidate_now_and_on_commit
from bulletin.caching.signals import served_from_cache
from bulletin.editions.models import Edition
from bulletin.people.models import Person
from bulletin.stories.models import StoryPage
from bulletin.stories.visibility import page_save_is_reader_visible
from bulletin.topics.models import Topic

from . import indexing, querylog
from .models import LocalName, Synonym
from .text import segmenter


def story_descendants(page, inclusive=True):
    return StoryPage.objects.descendant_of(page, inclusive=inclusive).values_list("pk", flat=True)


def on_page_saved(sender, instance, raw=False, update_fields=None, **kwargs):
    if raw or not isinstance(instance, StoryPage):
        return
    if page_save_is_reader_visible(instance, update_fields):
        _just_synced.state = _state(instance)
        indexing.schedule([instance])
    else:
        # A draft: only editors can find it. A story leaves readers' sight only through an
        # unpublish, a move, a view restriction or a delete, each of which syncs it.
        indexing.schedule_editor([instance.pk])


_just_synced = threading.local()


def _state(page):
    return (page.pk, page.live, page.live_revision_id, page.last_published_at, page.path, page.expire_at)


def on_page_published_or_unpublished(sender, instance, **kwargs):
    """Publishing saves the page (post_save, synced just then) and then sends page_published for
    the same state: syncing again would redo the same work. The state is remembered for that
    one signal only, so a change that was rolled back never stands in for a later one that
    happens to look the same (unpublishing twice does). Bulk imports send only page_published.
    """
    if not isinstance(instance, StoryPage):
        return
    page = instance.specific
    synced, _just_synced.state = getattr(_just_synced, "state", None), None
    if synced != _state(page):
        indexing.schedule([page])


def on_page_deleted(sender, instance, **kwargs):
    # Sent for the Page row of every deleted page; the search rows go with it (cascade), the
    # full-text rows and the Elasticsearch document are removed here. Non-stories are no-ops.
    if instance.specific_class is None or issubclass(instance.specific_class, StoryPage):
        indexing.schedule([instance.pk])


def on_page_moved(sender, instance, **kwargs):
    # A move can put stories under (or out from under) a view restriction.
    indexing.refresh_visibility(story_descendants(instance))


def on_view_restriction_changed(sender, instance, **kwargs):
    indexing.refresh_visibility(story_descendants(instance.page))


def on_person_saved(sender, instance, raw=False, created=False, **kwargs):
    if not raw and not created:
        indexing.schedule(StoryPage.objects.filter(bylines__person=instance).values_list("pk", flat=True).distinct())


def on_topic_saved(sender, instance, raw=False, created=False, **kwargs):
    if not raw and not created:
        indexing.schedule(StoryPage.objects.filter(topic_items__tag=instance).values_list("pk", flat=True))


def on_edition_saved(sender, instance, raw=False, created=False, **kwargs):
    if not raw and not created:
        indexing.schedule(instance.stories.values_list("pk", flat=True))


def on_synonym_changed(sender, **kwargs):
    # Cached result pages were made with the old synonyms.
    invalidate_now_and_on_commit()


def on_local_name_changed(sender, **kwargs):
    # This process rebuilds its segmenter now; others notice the new version within seconds.
    # Stories already indexed keep their words until the next rebuild_search_index.
    segmenter.refresh()


def on_served_from_cache(sender, request, response, **kwargs):
    querylog.record_cached(request, response)


def connect():
    served_from_cache.connect(on_served_from_cache, dispatch_uid="search_served_from_cache")
    post_save.connect(on_page_saved, dispatch_uid="search_page_saved")
    page_published.connect(on_page_published_or_unpublished, dispatch_uid="search_page_published")
    page_unpublished.connect(on_page_published_or_unpublished, dispatch_uid="search_page_unpublished")
    post_delete.connect(on_page_deleted, sender=Page, dispatch_uid="search_page_deleted")
    post_page_move.connect(on_page_moved, dispatch_uid="search_page_moved")
    for signal in (post_save, post_delete):
        signal.connect(on_view_restriction_changed, sender=PageViewRestriction, dispatch_uid=f"search_pvr_{id(signal)}")
        signal.connect(on_local_name_changed, sender=LocalName, dispatch_uid=f"search_local_name_{id(signal)}")
        signal.connect(on_synonym_changed, sender=Synonym, dispatch_uid=f"search_synonym_{id(signal)}")
    post_save.connect(on_person_saved, sender=Person, dispatch_uid="search_person_saved")
    post_save.connect(on_topic_saved, sender=Topic, dispatch_uid="search_topic_saved")
    post_save.connect(on_edition_saved, sender=Edition, dispatch_uid="search_edition_saved")
