"""Adding thousands of story pages at once, leaving them as Wagtail's own path would.

Wagtail adds a page with ``add_child`` (lock the parent, find the last child, insert, bump
``numchild``), then ``save_revision`` and ``publish`` save it twice more, log, and update the
reference and search indexes, each on its own: some thirty queries a story, too slow for an
archive of twelve thousand. Here a whole batch of pages gets its tree paths at once and each
table gets one multi-row INSERT; the result is the same rows Wagtail writes:

* tree: consecutive treebeard paths after the parent's last child, ``depth``, ``numchild`` of the
  parent raised once, ``url_path`` from the slug, slugs unique among the siblings;
* one revision per page holding the page as it was when saved (as ``save_revision`` stores it),
  ``latest_revision``, and for published pages ``live``, ``live_revision``,
  ``first_published_at``/``last_published_at`` as ``publish`` sets them;
* the admin history (``wagtail.create``, ``wagtail.publish`` log entries), the reference index
  (bylines → people, topics), and the signals (``post_save``, ``page_published``) the search
  indexes and caches listen to.

Call :meth:`BulkPageWriter.add` inside ``transaction.atomic()``: a batch is written whole or not
at all.
"""

from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.db.models import CharField, F, OuterRef, Subquery
from django.db.models.functions import Cast
from django.utils import timezone
from modelcluster.models import get_all_child_relations
from treebeard.exceptions import PathOverflow
from wagtail.models import Page, PageLogEntry, Revision

from bulletin import compat

from .pages import Slugs

# modelcluster keeps these child objects in memory until the page is saved; the bulk path
# saves them itself: relation on the page → foreign key to the page (Byline, StoryTopic).
CHILD_RELATIONS = {"bylines": "story_id", "topic_items": "content_object_id"}


class BulkPageWriter:
    """Adds pages under one parent page, as drafts or published."""

    def __init__(self, parent, publish=True):
        self.parent = parent
        self.publish = publish
        self.page_content_type = ContentType.objects.get_for_model(Page)
        self.slugs = None
        self.last_path = None

    def add(self, pages):
        """Save ``pages`` (unsaved, specific page instances) as the parent's last children."""
        if not pages:
            return
        # The same lock add_child takes: nobody else adds a child between our read and write.
        parent = Page.objects.select_for_update().get(pk=self.parent.pk)
        self.place(parent, pages)
        for model in dict.fromkeys(type(page) for page in pages):
            insert([page for page in pages if type(page) is model])
        self.save_children(pages)
        revisions = self.save_revisions(pages)
        self.log(pages, revisions)
        Page.objects.filter(pk=parent.pk).update(numchild=F("numchild") + len(pages))
        self.announce(pages, revisions)

    def place(self, parent, pages):
        """Tree position, slug and URL path for each page, after the parent's last child."""
        last_child = parent.get_last_child()
        if self.slugs is None or (last_child and last_child.path != self.last_path):
            # First batch, or an editor added a story since the last one: reread the slugs.
            self.slugs = Slugs(parent)
        # treebeard's own helpers for materialised paths, as add_child uses them.
        position = compat.last_child_position(last_child) if last_child else 0
        depth = parent.depth + 1
        for page in pages:
            position += 1
            page.depth = depth
            page.path = compat.child_path(Page, parent.path, depth, position)
            if len(page.path) != len(parent.path) + Page.steplen:
                raise PathOverflow(f"no room for more children under {parent.url_path}")
            page.numchild = 0
            page.locale_id = parent.locale_id
            page.slug = page.slug or self.slugs.allocate(page.title)
            page.set_url_path(parent)
            page.draft_title = page.title
            # What StoryPage.save() keeps in step with the page type; save() is not called here.
            page.kind = page.story_kind()
            for relation in get_all_child_relations(page):
                name = relation.get_accessor_name()
                if name not in CHILD_RELATIONS:
                    # A new page has no corrections or comments; saying so saves a query each.
                    setattr(page, name, [])
            # The state save_revision() sees: a new draft, not yet published.
            page.live = False
            page.has_unpublished_changes = False
        self.last_path = pages[-1].path

    def save_children(self, pages):
        for relation, foreign_key in CHILD_RELATIONS.items():
            children = []
            for page in pages:
                for child in getattr(page, relation).all():
                    setattr(child, foreign_key, page.pk)
                    children.append(child)
            if children:
                insert(children)

    def save_revisions(self, pages):
        now = timezone.now()
        revisions = [
            Revision(
                content_type_id=page.content_type_id,
                base_content_type=self.page_content_type,
                object_id=str(page.pk),
                created_at=now,
                content=page.serializable_data(),
                object_str=str(page),
            )
            for page in pages
        ]
        insert(revisions)
        # What publish() (or, for a draft, save_revision()) sets, the same on every page...
        state = {"latest_revision_created_at": now, "has_unpublished_changes": not self.publish}
        if self.publish:
            state.update(live=True, last_published_at=now)
        for page, revision in zip(pages, revisions):
            for name, value in state.items():
                setattr(page, name, value)
            page.latest_revision = revision
            if self.publish:
                page.live_revision = revision
                page.first_published_at = page.first_published_at or now
        # ...and in the rows, one UPDATE a batch: each new page's one revision is its latest and,
        # published, its live one (found by a subquery on Revision's object index).
        rows = Page.objects.filter(pk__in=[page.pk for page in pages])
        own_revision = Subquery(
            Revision.objects.filter(
                base_content_type=self.page_content_type, object_id=Cast(OuterRef("pk"), CharField())
            ).values("pk")[:1]
        )
        if self.publish:
            rows.filter(first_published_at__isnull=True).update(first_published_at=now)
            state["live_revision"] = own_revision
        rows.update(latest_revision=own_revision, **state)
        return revisions

    def announce(self, pages, revisions):
        """Send the signals saving and publishing each page would have sent.

        Their receivers keep the search indexes and caches in step; inside
        search.indexing.batched() index updates are collected and written in bulk. post_save
        goes once, with the page as it ends up (bulk inserts send none).
        """
        # What Wagtail's post_save receiver does, from the pages in memory instead of a reload
        # of each page and its children: record their references (bylines → people, topics).
        compat.add_references(pages)
        for page, revision in zip(pages, revisions):
            compat.announce_page_created(page)
            if self.publish:
                compat.announce_page_published(page, revision)

    def log(self, pages, revisions):
        """The admin history: created, and published, as the admin would have logged them."""
        entries = []
        for page, revision in zip(pages, revisions):
            entry = dict(
                content_type_id=page.content_type_id,
                page_id=page.pk,
                label=page.get_admin_display_title(),
                timestamp=revision.created_at,
                content_changed=True,
            )
            entries.append(PageLogEntry(action="wagtail.create", **entry))
            if self.publish:
                entries.append(PageLogEntry(action="wagtail.publish", revision=revision, **entry))
        insert(entries)


def insert(objects):
    """INSERT ``objects``, all of one model, into each table of their model chain; give them their ids.

    Django's bulk_create refuses multi-table inheritance (Page → StoryPage → ArticlePage); this
    writes table by table. On PostgreSQL each table gets one COPY (compat.copy_rows), with the
    ids taken from the sequence first: a batch's rows take a few round trips, not statements
    whose every value Django's client-side binding quotes into SQL in Python (that quoting
    of revision contents took longer than the rest of the writes). Elsewhere each table gets
    the multi-row INSERT bulk_create itself uses (compat.insert_rows), the first returning the
    new ids. Values are prepared as bulk_create prepares them (pre_save, get_db_prep_save).
    """
    model = type(objects[0])
    tables = [*reversed(model._meta.get_parent_list()), model]
    root = tables[0]._meta
    copying = connection.vendor == "postgresql"
    if copying and root.auto_field:
        set_ids(objects, tables, compat.next_ids(tables[0], len(objects)))
    for table in tables:
        fields = [
            field for field in table._meta.local_concrete_fields if copying or field is not table._meta.auto_field
        ]
        if copying:
            rows = (
                [field.get_db_prep_save(field.pre_save(obj, True), connection) for field in fields] for obj in objects
            )
            compat.copy_rows(table._meta.db_table, [field.column for field in fields], rows)
            continue
        rows = compat.insert_rows(table, objects, fields)
        if table is tables[0] and root.auto_field:
            if len(rows) != len(objects):
                raise RuntimeError("this database does not return the ids of bulk-inserted rows")
            set_ids(objects, tables, [pk for (pk,) in rows])
    for obj in objects:
        compat.mark_saved(obj, connection.alias)


def set_ids(objects, tables, ids):
    for obj, pk in zip(objects, ids, strict=True):
        for level in tables:
            setattr(obj, level._meta.pk.attname, pk)
