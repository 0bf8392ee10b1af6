"""Importing an archive of stories (JSONL, see archive_reader) in batches of bulk-inserted pages.

The whole import is one transaction: if anything fails (the database refuses a row, the disk
fills, the operator presses Ctrl-C), nothing is left behind, and running it again starts from
where the database was. Batches bound the size of each INSERT and the memory a batch of pages
takes, not what is committed. Items imported by an earlier run are recognised (ImportedStory)
and skipped.
"""

from dataclasses import dataclass, field
from datetime import datetime, time
from itertools import islice

from django.db import DatabaseError, transaction
from django.utils import timezone

from bulletin.related.updating import deferred as related_deferred
from bulletin.stories.models import StoryIndexPage
from search import indexing

from .archive_reader import line_label, line_message, paragraphs
from .bulk import BulkPageWriter, insert
from .dateline import split_dateline
from .models import CategoryKindRule, ImportedStory
from .pages import ImportFailed, People, Topics, article_page, brief_page, fingerprint, tagged

BATCH_SIZE = 500


@dataclass
class ArchiveImport:
    created: int = 0
    unchanged: int = 0
    warnings: list = field(default_factory=list)


def import_archive(items, publish=True, batch_size=BATCH_SIZE, progress=None):
    """Import valid ArchiveItems, all or nothing; ``progress(n)`` is called after each batch of n items."""
    result = ArchiveImport()
    # Each batch is indexed inside the transaction, from the pages in memory (indexing.flush):
    # a failed import takes its search documents back with its stories. Related stories are
    # ranked for the whole import at its end, inside the transaction.
    with indexing.batched(), transaction.atomic(), related_deferred():
        writer = BulkPageWriter(StoryIndexPage.objects.get(), publish=publish)

        def warn(where, message):
            result.warnings.append(f"{where}：{message}" if where else message)

        people = People(warn)
        topics = Topics(warn)
        kind_for = CategoryKindRule.kinds()
        first_lines = {}  # source key → line, to notice an item repeated in the file
        for batch in chunks(items, batch_size):
            try:
                new = _new_items(batch, first_lines, result)
                pages = [archive_page(item, kind_for, people, topics, publish) for item in new]
                writer.add(pages)
                if pages:
                    insert(
                        [
                            ImportedStory(source_key=item.source_key, story=page, fingerprint=_fingerprint(item))
                            for item, page in zip(new, pages)
                        ]
                    )
                indexing.flush(pages)
            except DatabaseError as error:
                # Raised on, so that the transaction is rolled back; the message says where, on
                # one line (PostgreSQL adds its context on the next ones).
                where = f"第 {batch[0].line}–{batch[-1].line} 行" if len(batch) > 1 else f"第 {batch[0].line} 行"
                reason = str(error).strip().splitlines()[0] if str(error).strip() else type(error).__name__
                raise ImportFailed(f"{where}：数据库拒绝写入（{reason}）") from error
            result.created += len(pages)
            if progress:
                progress(len(batch))
    return result


def chunks(iterable, size):
    """Lists of ``size`` items (the last may be shorter); itertools.batched arrives in Python 3.12."""
    iterator = iter(iterable)
    while chunk := list(islice(iterator, size)):
        yield chunk


def _new_items(batch, first_lines, result):
    imported = dict(
        ImportedStory.objects.filter(source_key__in=[item.source_key for item in batch]).values_list(
            "source_key", "fingerprint"
        )
    )
    new = []
    for item in batch:
        key = item.source_key
        if key in first_lines:
            result.warnings.append(line_message(item.line, f"与第 {first_lines[key]} 行重复，只导入一次"))
            continue
        first_lines[key] = item.line
        if key in imported:
            result.unchanged += 1
            if imported[key] != _fingerprint(item):
                result.warnings.append(
                    line_message(item.line, "以前导入过，当时的类型、专题或署名与现在不同；已导入的稿件保持不变")
                )
        else:
            new.append(item)
    return new


def archive_page(item, kind_for, people, topics, publish):
    """An unsaved page for ``item``: of the kind the line names, else the one its category's
    rule gives (``kind_for``), else an article; tagged with the topics the line names and
    those whose keywords its title or body holds."""
    kind = item.kind or kind_for(item.category) or "article"
    build = brief_page if kind == "brief" else article_page
    fields = {"is_notice": True} if kind == "notice" else {}
    where = line_label(item.line)
    named = [topics.named(name, where=where) for name in item.topics]
    source, body = split_dateline(item.body)
    page = build(
        title=item.title,
        paragraphs=[("paragraph", paragraph) for paragraph in paragraphs(body)],
        source=source,
        date=item.date,
        people=people,
        bylines=item.bylines,
        topics=tagged(named, topics.matching(f"{item.title}\n{item.body}")),
        where=where,
        **fields,
    )
    if publish:
        # The archive went out on its own dates, not on the day it was imported; publish()
        # keeps a first_published_at that is already set.
        page.first_published_at = min(timezone.make_aware(datetime.combine(item.date, time.min)), timezone.now())
    return page


def _fingerprint(item):
    # What the line says; "article" for a line without a kind, as the fingerprints of earlier
    # imports have it, so that a repeated import does not call every such line changed.
    return fingerprint([item.kind or "article", item.topics, item.bylines])
