"""Start a new page-cache generation whenever something readers see may have changed.

Which changes those are is bulletin.stories.visibility's to say: saving a draft of a live story
(Wagtail's save_revision) does not start a new generation; publishing it does.
"""

from django.db import transaction
from django.db.models.signals import post_delete, post_save
from wagtail.models import Page
from wagtail.signals import page_published, page_slug_changed, page_unpublished, post_page_move

from bulletin.stories.visibility import save_is_reader_visible

from . import pagecache

# Apps whose every model is public content (stories, bylines, people, topics, editions, home,
# the 数字报's pages and regions, and the site's identity: its name, navigation and footer are on
# every page).
CONTENT_APPS = {"home", "stories", "people", "topics", "editions", "epaper", "identity"}
# Single Wagtail models that change what readers get.
CONTENT_MODELS = {
    "wagtailcore.site",
    "wagtailcore.pageviewrestriction",  # making a page private must take it out of the cache
    "wagtailredirects.redirect",
    "wagtailimages.image",
}


def invalidate_now_and_on_commit():
    # Now, so that the rest of this transaction (and tests running inside one) read fresh pages.
    # Again on commit, because a reader may have cached the old rows in between: until the
    # transaction commits, other connections still see them.
    pagecache.invalidate()
    transaction.on_commit(pagecache.invalidate)


def is_content_model(model):
    meta = model._meta
    return issubclass(model, Page) or meta.app_label in CONTENT_APPS or meta.label_lower in CONTENT_MODELS


def on_model_change(sender, instance, update_fields=None, **kwargs):
    if is_content_model(sender) and save_is_reader_visible(instance, update_fields):
        invalidate_now_and_on_commit()


def on_page_event(sender, **kwargs):
    invalidate_now_and_on_commit()


def connect_signals():
    # Publishing also saves the page (post_save); the Wagtail signals make the intent explicit
    # and cover moves and slug changes, which alter other pages' URLs.
    page_published.connect(on_page_event, dispatch_uid="pagecache-published")
    page_unpublished.connect(on_page_event, dispatch_uid="pagecache-unpublished")
    page_slug_changed.connect(on_page_event, dispatch_uid="pagecache-slug-changed")
    post_page_move.connect(on_page_event, dispatch_uid="pagecache-moved")
    post_save.connect(on_model_change, dispatch_uid="pagecache-post-save")
    post_delete.connect(on_model_change, dispatch_uid="pagecache-post-delete")
