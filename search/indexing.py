"""Keeping the search indexes in step with the page tree.

Every change that can change what a reader or an editor finds (publish, unpublish, edit, move,
delete, view restrictions, a renamed person or topic) ends up in sync_pages() for the stories
concerned: a story that readers may see (bulletin.stories.visibility) gets its document
(re)built, any other story is removed from the reader index. Editors' entries (drafts included)
are rebuilt alongside.

Index writes follow the transaction of the change that caused them:

* The embedded engine's tables are in the same database: they are written at once, in that
  transaction, and roll back with it. The editor's change shows in results as soon as the
  action returns.
* Elasticsearch is outside it. The stories to send are recorded in ElasticsearchBacklog, in the
  same transaction, and sent on commit (transaction.on_commit), read back from the embedded
  index's rows. A rolled-back change leaves nothing in either index and nothing to send; a
  change Elasticsearch could not take (it was down) stays in the backlog, which
  drain_elasticsearch_backlog() sends later, in the background (manage.py
  publish_scheduled_loop), never in a reader's request.

Inside ``batched()`` (the importer wraps bulk imports in it) the stories concerned are only
collected, and written in bulk when the block ends or at its ``flush()``.
"""

import logging
import threading
from contextlib import contextmanager
from functools import partial

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from bulletin.stories.models import StoryPage
from bulletin.stories.visibility import Visibility

from .documents import StoryDocument, editor_text, story_pages
from .engines import EngineUnavailable, elasticsearch_engine, embedded_engine
from .models import ElasticsearchBacklog, SearchDocument

logger = logging.getLogger(__name__)

BATCH_SIZE = 500

_local = threading.local()


class _Pending:
    def __init__(self):
        self.pages = set()  # full sync: reader document and editor entry
        self.editor = set()  # editor entry only (a draft was saved)
        self.written = 0  # stories the block has indexed so far (its flushes)


@contextmanager
def batched():
    """Defer index updates made inside the block and apply them in bulk when it ends.

    Nested blocks join the outermost one. If the block fails, what was committed before the
    failure is still indexed (the sync reads the database as it is), and the error propagates.
    """
    if getattr(_local, "pending", None) is not None:
        yield
        return
    _local.pending = _Pending()
    try:
        yield
    except BaseException:
        # What flush() left to do: it replaces the block's _Pending with a new one.
        pending, _local.pending = _local.pending, None
        try:
            _flush(pending)
        except Exception:
            logger.exception("search: could not index the stories of a failed batch")
        raise
    pending, _local.pending = _local.pending, None
    _flush(pending)
    if pending.written >= BATCH_SIZE:
        bulk_written()


def _flush(pending, in_memory=None):
    ids = sorted(pending.pages)
    pending.written += len(ids)
    for start in range(0, len(ids), BATCH_SIZE):
        sync_pages([(in_memory or {}).get(pk, pk) for pk in ids[start : start + BATCH_SIZE]])
    sync_editor_entries(sorted(pending.editor - pending.pages))


def flush(pages=()):
    """Inside ``batched()``: index now what the block has collected so far.

    ``pages`` are stories as they are in memory, just written (the bulk importer's batch): they
    are indexed as they are instead of being read back with their bylines and topics. The
    importer calls this after each batch, inside its transaction, so that what it holds in
    memory does not grow with the archive and a failed import takes its index rows back too.
    """
    pending = getattr(_local, "pending", None)
    if pending is None:
        return
    _local.pending = following = _Pending()
    _flush(pending, {page.pk: page for page in pages})
    following.written += pending.written


@contextmanager
def paused():
    """No index updates inside the block: for bulk jobs that run rebuild_search_index after."""
    _local.paused = True
    try:
        yield
    finally:
        _local.paused = False


def _is_paused():
    return getattr(_local, "paused", False)


def schedule(pages):
    """Bring these stories (pages or ids) up to date in every index, now or when the batch ends."""
    if _is_paused():
        return
    pending = getattr(_local, "pending", None)
    if pending is not None:
        pending.pages.update(getattr(p, "pk", p) for p in pages)
    else:
        sync_pages(pages)


def schedule_editor(page_ids):
    """A draft changed: only what editors find changes."""
    if _is_paused():
        return
    pending = getattr(_local, "pending", None)
    if pending is not None:
        pending.editor.update(page_ids)
    else:
        sync_editor_entries(page_ids)


def sync_pages(pages):
    """Index the given stories (page objects or ids) as they are now, in every engine.

    Page objects are used as they are in memory: a page just saved has child relations
    (bylines, topics) that modelcluster writes to the database only after post_save.
    """
    pages = list(pages)
    given = {p.pk: p for p in pages if isinstance(p, StoryPage) and type(p) is p.specific_class}
    ids = {getattr(p, "pk", p) for p in pages}
    to_load = ids - set(given)
    found = {**({page.pk: page for page in story_pages(to_load)} if to_load else {}), **given}

    visibility = Visibility()
    documents = [StoryDocument.from_page(page) for page in found.values() if visibility.is_listed(page)]
    hidden = ids - {d.page_id for d in documents}
    _write(documents, hidden)
    _write_editor_entries(found, ids - set(found))


def sync_editor_entries(page_ids):
    page_ids = set(page_ids)
    if not page_ids:
        return
    found = {page.pk: page for page in story_pages(page_ids)}
    _write_editor_entries(found, page_ids - set(found))


def refresh_visibility(page_ids):
    """After a move or a view restriction change: add or drop reader documents as needed.

    Stories whose visibility did not change are left alone, so restricting or moving a
    whole section costs one query per thousand stories, not a reindex.
    """
    if _is_paused():
        return
    page_ids = list(page_ids)
    visibility = Visibility()
    for start in range(0, len(page_ids), BATCH_SIZE):
        chunk = page_ids[start : start + BATCH_SIZE]
        indexed = set(SearchDocument.objects.filter(pk__in=chunk).values_list("pk", flat=True))
        pages = StoryPage.objects.filter(pk__in=chunk).only("pk", "path", "live")
        visible = {page.pk for page in pages if visibility.is_listed(page)}
        changed = (visible - indexed) | (indexed - visible)
        if changed:
            sync_pages(sorted(changed))


def _write(documents, hidden):
    engine = embedded_engine()
    engine.index(documents)
    engine.remove(hidden)
    if settings.ELASTICSEARCH_URL:
        send_to_elasticsearch_on_commit([d.page_id for d in documents] + list(hidden))


def _write_editor_entries(found, missing):
    """What editors find stories by, beyond the reader index (which editors search too).

    A story readers see as editors see it is found through its reader document; a draft, a
    story with unpublished changes, a private or an unpublished one gets an entry of its own.
    """
    engine = embedded_engine()
    readable = set(SearchDocument.objects.filter(pk__in=list(found)).values_list("pk", flat=True))
    entries = {
        pk: editor_text(page) for pk, page in found.items() if pk not in readable or page.has_unpublished_changes
    }
    engine.index_editor_entries(entries)
    engine.remove_editor_entries((set(found) - set(entries)) | set(missing))


def send_to_elasticsearch_on_commit(page_ids):
    """Record the stories in the backlog now, send them once this transaction commits."""
    page_ids = sorted(set(page_ids))
    if not page_ids:
        return
    ElasticsearchBacklog.objects.bulk_create(
        [ElasticsearchBacklog(page_id=pk) for pk in page_ids],
        update_conflicts=True,
        unique_fields=["page_id"],
        update_fields=["queued_at"],
    )
    # robust: the change has committed; whatever goes wrong sending it, the backlog still has it.
    transaction.on_commit(partial(_send_after_commit, page_ids), robust=True)


def _send_after_commit(page_ids):
    try:
        send_to_elasticsearch(elasticsearch_engine(), page_ids)
    except EngineUnavailable:
        # Only Elasticsearch can be unavailable; the backlog keeps the stories for the drain.
        logger.warning("search: Elasticsearch unavailable, %d stories left in the backlog", len(page_ids))


def send_to_elasticsearch(engine, page_ids, build=None):
    """Make Elasticsearch hold exactly what the embedded reader index holds for these stories,
    then take them off the backlog. Raises EngineUnavailable (leaving the backlog) on failure.

    While a rebuild runs (ElasticsearchEngine.write_targets names its index) the stories go to
    both indexes and stay in the backlog: the rebuild may have copied a story before this change,
    so it sends the backlog again to its index before and after it takes over (rebuild()).
    With ``build``, they go to that rebuild's index only, and stay in the backlog.
    """
    started = timezone.now()
    targets = [build.name] if build else engine.write_targets()
    rows = SearchDocument.objects.filter(pk__in=page_ids).select_related("text")
    documents = [StoryDocument.from_model(row) for row in rows]
    engine.index(documents, targets)
    engine.remove(set(page_ids) - {d.page_id for d in documents}, targets)
    if build or engine.rebuilding_alias in targets:
        return
    # A story queued again since `started` (a later change) waits for that change's own send.
    ElasticsearchBacklog.objects.filter(page_id__in=page_ids, queued_at__lte=started).delete()


def drain_elasticsearch_backlog(engine=None, build=None):
    """Send every story in the backlog; returns how many. Raises EngineUnavailable if
    Elasticsearch is still away (what was sent stays sent). With ``build``, to a rebuild's
    index only (send_to_elasticsearch)."""
    engine = engine or elasticsearch_engine()
    ids = sorted(ElasticsearchBacklog.objects.values_list("page_id", flat=True))
    for start in range(0, len(ids), BATCH_SIZE):
        send_to_elasticsearch(engine, ids[start : start + BATCH_SIZE], build)
    if ids:
        logger.info("search: sent %d queued stories to Elasticsearch", len(ids))
    return len(ids)


def rebuild(engines, progress=None):
    """Rebuild the given engines' reader indexes from the page tree (and, with the embedded
    engine, the editors' entries). ``progress`` is called with (done, total) after each batch.

    The embedded engine is emptied and refilled in place. Elasticsearch is filled in a new index
    beside the live one, which readers go on searching, complete, until the new one takes over
    (IndexBuild); changes made meanwhile are written to both and kept in the backlog, which is
    sent to the new index before it takes over and through the alias after, so none is lost.
    """
    ids = list(StoryPage.objects.order_by("pk").values_list("pk", flat=True))
    targets = []
    builds = []
    try:
        for engine in engines:
            if engine.name == "elasticsearch":
                builds.append(engine.start_rebuild())
                targets.append(builds[-1])
            else:
                engine.clear()
                targets.append(engine)
        embedded = next((engine for engine in engines if engine.name == "embedded"), None)
        if embedded:
            embedded.clear_editor_entries()
        visibility = Visibility()
        for start in range(0, len(ids), BATCH_SIZE):
            pages = list(story_pages(ids[start : start + BATCH_SIZE]))
            documents = [StoryDocument.from_page(page) for page in pages if visibility.is_listed(page)]
            for target in targets:
                target.index(documents)
            if embedded:
                readable = {d.page_id for d in documents}
                embedded.index_editor_entries(
                    {p.pk: editor_text(p) for p in pages if p.pk not in readable or p.has_unpublished_changes}
                )
            if progress:
                progress(min(start + BATCH_SIZE, len(ids)), len(ids))
        for build in builds:
            drain_elasticsearch_backlog(build.engine, build)
            build.swap()
    except BaseException:
        for build in builds:
            build.abandon()
        raise
    if embedded:
        bulk_written()
    for build in builds:
        drain_elasticsearch_backlog(build.engine)


def bulk_written():
    """The end of a bulk write of the embedded index: a rebuild, or a batched() block (an archive
    import) that indexed at least BATCH_SIZE stories. The planner's statistics of its tables are
    refreshed now, not whenever autovacuum gets to them: estimated from the tables as they were
    (empty, or a tenth of the size), PostgreSQL chose plans that read every row."""
    embedded_engine().analyze()
