"""What readers may see, and which changes alter it: the one definition the site, search and the
page cache share.

A story is visible to readers while it is

* live (published; a scheduled story is not live until its time comes),
* public: no view restriction (login, password, groups) on it or on any page above it, and
* not expired: a story past ``expire_at`` is gone even before ``publish_scheduled`` unpublishes it.

The first two are facts of the page tree and can be stored (the reader search index holds
exactly the stories that are *listed*: live and public). Expiry depends on the clock, so it is
checked whenever stories are read: by ``reader_stories()`` here and by the search engines at
query time, from the ``expire_at`` they store.

A change is *reader-visible* if it can alter what readers get. Saving a draft is not: Wagtail's
``save_revision()`` stores the draft as a revision and then saves the page with bookkeeping
fields only (``REVISION_BOOKKEEPING``). Nor is saving a story that is not live, or the bylines,
topics and corrections of one (they are written when it is added to the tree): whatever makes
it live or takes it down is a publish or unpublish event, which is reader-visible.
"""

from django.core.exceptions import ObjectDoesNotExist
from django.db.models import Count, Exists, OuterRef, Q, Subquery
from django.db.models.functions import Coalesce
from django.utils import timezone
from wagtail.models import Page, PageViewRestriction

# Saving only these fields is bookkeeping of drafts, locks and comments: readers see nothing of it.
REVISION_BOOKKEEPING = frozenset(
    {
        "wagtail_admin_comments",
        "latest_revision",
        "latest_revision_created_at",
        "draft_title",
        "has_unpublished_changes",
        "locked",
        "locked_at",
        "locked_by",
    }
)


def not_expired(now=None):
    return Q(expire_at__isnull=True) | Q(expire_at__gt=now or timezone.now())


def public_story_count(lookup):
    """Annotation counting the public stories that point at the annotated row (a topic, person, edition).

    ``lookup`` is the path from StoryPage to that model. A subquery per row, rather than a join
    filtered by the list of every public story: it reads only the row's own stories, through
    their index, so one topic's count costs the same in an archive of ten years as of one. A
    topic, a person or an edition is public once at least one public story belongs to it.
    """
    stories = reader_stories().filter(**{lookup: OuterRef("pk")}).order_by()
    counts = stories.values(lookup).annotate(count=Count("pk", distinct=True)).values("count")
    return Coalesce(Subquery(counts), 0)


def has_public_story(lookup):
    """Whether the annotated row has any public story, found without counting them."""
    return Exists(reader_stories().filter(**{lookup: OuterRef("pk")}))


def one_public_story(lookup):
    """The id of one public story of the annotated row, or NULL if it has none.

    The same question as has_public_story(), asked row by row as the database reaches each row:
    for "the newest row with a public story" it reads rows newest first and stops at the first
    with one, a few index probes. PostgreSQL turns an EXISTS into a semi-join instead, which
    reads every public story in the archive before it looks at a single row.
    """
    return Subquery(reader_stories().filter(**{lookup: OuterRef("pk")}).order_by().values("pk")[:1])


def reader_stories(queryset=None):
    """The stories readers may see now (StoryPage.objects.for_readers() is this)."""
    if queryset is None:
        from .models import StoryPage

        queryset = StoryPage.objects.all()
    queryset = queryset.live().filter(not_expired())
    # Wagtail's .public() would ask the database for the view restrictions each time a list is
    # built, several times on every reader page; they are read once per page-cache generation
    # instead (saving or deleting a restriction starts a new one, bulletin.caching.invalidation).
    private = Q()
    for path in current_restricted_paths():
        private |= Q(path__startswith=path)  # the restricted page and every page below it
    return queryset.exclude(private) if private else queryset


def restricted_paths():
    """The tree paths of the pages with a view restriction: what they and the pages below them
    show, readers may not see."""
    return tuple(PageViewRestriction.objects.values_list("page__path", flat=True))


def current_restricted_paths():
    from bulletin.caching import pagecache  # its invalidation imports this module

    # Kept while pages are not cached too: every reader list asks, cached page or not.
    return pagecache.memoize("restricted-paths", restricted_paths, uncached_lifetime=pagecache.UNCACHED_MEMO_LIFETIME)


class CachedViewRestrictions:
    """For the page models readers open: before serving a page, Wagtail asks the database for
    the view restrictions on it and the pages above it (two queries). While no page has any
    (current_restricted_paths(), read once per page-cache generation), there are none to ask for.
    """

    def get_view_restrictions(self):
        if not current_restricted_paths():
            return PageViewRestriction.objects.none()
        return super().get_view_restrictions()  # aliases' sources included: Wagtail knows how


class Visibility:
    """The same rules for page objects in memory, for many pages at once (one query in all for
    view restrictions): what the search index stores and re-checks."""

    def __init__(self):
        self.restricted_paths = restricted_paths()

    def is_public(self, page):
        return not page.path.startswith(self.restricted_paths) if self.restricted_paths else True

    def is_listed(self, page):
        """Live and public: in the reader index. Expiry is left to the time of reading."""
        return page.live and self.is_public(page)

    def readers_may_see(self, page, now=None):
        return self.is_listed(page) and not (page.expire_at and page.expire_at <= (now or timezone.now()))


def is_draft_bookkeeping(update_fields):
    return update_fields is not None and set(update_fields) <= REVISION_BOOKKEEPING


def page_save_is_reader_visible(page, update_fields=None):
    """Whether saving ``page`` (a post_save) can change what readers get.

    Only a live page's content is shown; a non-live page becomes visible (or stops being so)
    only through a publish or unpublish, which send their own signals.
    """
    return page.live and not is_draft_bookkeeping(update_fields)


def save_is_reader_visible(instance, update_fields=None):
    """For a saved or deleted content object (bulletin.caching.invalidation asks): can readers
    notice? A byline, topic link, correction or printed region only if its story is live;
    anything else (a person, a topic, an edition, a printed page, an image ...) always."""
    if isinstance(instance, Page):
        return page_save_is_reader_visible(instance, update_fields)
    story = _story_of(instance)
    return story is None or story.live


def _story_of(instance):
    """The story a cluster child belongs to; None for other objects, or if the story is gone
    (deleted with it, which readers notice through the story's own delete)."""
    from bulletin.epaper.models import StoryRegion

    from .models import Byline, Correction, StoryTopic

    try:
        if isinstance(instance, (Byline, Correction, StoryRegion)):
            return instance.story
        if isinstance(instance, StoryTopic):
            return instance.content_object
    except ObjectDoesNotExist:
        pass
    return None
