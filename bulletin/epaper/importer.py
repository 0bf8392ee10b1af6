"""Importing an edition's pages: the PDF read and matched against the edition's stories, then
each page's files and story regions written.

Reading and matching (``read_pages``) writes nothing, so a dry run and a bad PDF stop before the
database or MEDIA_ROOT is touched. ``save_pages`` runs inside the caller's transaction; the files
it writes are removed again if that transaction fails, and the files they replace only once it
has committed.
"""

import secrets
from dataclasses import dataclass

from django.core.files.base import ContentFile
from django.db import transaction

from bulletin.caching.invalidation import invalidate_now_and_on_commit
from bulletin.importing.edition_parser import ParseWarning
from bulletin.related.updating import deferred as related_deferred

from . import pdf
from .models import PrintedPage, StoryRegion, page_label
from .regions import StoryText, find_layout

# Where an editor draws a region the importer could not find.
IN_EPAPER_ADMIN = "在管理后台“数字报”中打开本期版面"


@dataclass
class ReadPages:
    document: object  # the open pypdfium2 document: close() it
    texts: list  # of pdf.PageText
    layout: object  # regions.Layout
    stories: list  # of regions.StoryText
    warnings: list

    def close(self):
        self.document.close()

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()

    def data(self, titles):
        """Per page, the stories found and their regions: ``--dry-run --json``'s "pages"."""
        return [
            {
                "number": page.number,
                "label": page_label(page.number),
                "has_text_layer": page.has_text_layer,
                "stories": [{"title": titles[found.key], "regions": found.regions} for found in page.stories],
            }
            for page in self.layout.pages
        ]


def read_pages(path, stories):
    """Open the PDF at ``path`` and find ``stories`` (StoryText) on its pages; pdf.PdfError if it
    cannot be imported."""
    document = pdf.open_pdf(path)
    try:
        texts = pdf.read_text(document)
    except Exception:
        document.close()
        raise
    layout = find_layout(texts, stories)
    return ReadPages(document, texts, layout, stories, layout_warnings(layout, stories))


def layout_warnings(layout, stories):
    warnings = []
    scanned = [page.number for page in layout.pages if not page.has_text_layer]
    if scanned:
        warnings.append(
            ParseWarning(
                None,
                f"{_pages(scanned)}没有文字层（可能是扫描件），只导入了版面图，稿件区域需要手工划定：请{IN_EPAPER_ADMIN}",
                check=True,
            )
        )
    for story in layout.not_found(stories):
        warnings.append(
            ParseWarning(
                None,
                f"稿件《{story.title}》在版面 PDF 的文字里没有找到，没有为它划定区域：请{IN_EPAPER_ADMIN}，为它画出区域",
                check=True,
            )
        )
    for page in layout.pages:
        for text in page.unmatched:
            excerpt = text[:16] + ("…" if len(text) > 16 else "")
            warnings.append(
                ParseWarning(
                    None,
                    f"{page_label(page.number)}有一段文字（{len(text)} 字，“{excerpt}”）没有对上本期任何稿件："
                    "如果它是一篇稿件，请先把它的文字导入本期",
                    check=True,
                )
            )
    empty = [page.number for page in layout.pages if page.has_text_layer and not page.stories]
    if empty:
        warnings.append(
            ParseWarning(
                None,
                f"PDF 共 {len(layout.pages)} 版，{_pages(empty)}上没有本期文字稿的任何稿件：PDF 的版数比文字稿多，"
                "请核对是否用错了 PDF",
                check=True,
            )
        )
    elif layout.not_found(stories):
        warnings.append(
            ParseWarning(
                None,
                f"PDF 共 {len(layout.pages)} 版，每版都有稿件，但仍有稿件没有找到：PDF 的版数可能比文字稿少，请核对",
                check=True,
            )
        )
    return warnings


def _pages(numbers):
    return "、".join(page_label(number) for number in numbers)


def parsed_story_texts(parsed):
    """The stories of a parsed edition (import_edition), keyed by print order."""
    return [
        StoryText(
            order,
            story.title,
            [story.column, story.title, story.subtitle, *story.paragraphs(), _byline(story.bylines)],
        )
        for order, story in enumerate(parsed.stories, start=1)
    ]


def _byline(bylines):
    return " ".join(f"{byline.role} {byline.name}" for byline in bylines)


def page_story_texts(stories):
    """Story pages (specific), keyed by their id: an edition imported before (import_pages)."""
    return [
        StoryText(
            story.pk,
            story.title,
            [
                getattr(story, "column", ""),
                story.title,
                getattr(story, "subtitle", ""),
                *story.body_paragraphs(),
                story.print_byline(),
            ],
        )
        for story in stories
    ]


def save_pages(read, edition, stories, reset_regions=False):
    """Write the pages of ``read`` into ``edition``; ``stories`` maps the StoryText keys to story
    pages. Regions an editor adjusted are kept (and their stories left as the editor drew them)
    unless ``reset_regions``."""
    written = []
    try:
        # Each 版次 is published in a revision: rank the stories' related stories once, at the end.
        with related_deferred():
            _save_pages(read, edition, stories, reset_regions, written)
    except BaseException:
        for storage, name in written:
            storage.delete(name)
        raise
    invalidate_now_and_on_commit()


def _save_pages(read, edition, stories, reset_regions, written):
    existing = {page.number: page for page in edition.printed_pages.all()}
    adjusted = StoryRegion.objects.filter(page__edition=edition, adjusted=True)
    if reset_regions:
        adjusted.delete()
        drawn_by_editors = set()
    else:
        drawn_by_editors = set(adjusted.values_list("story_id", flat=True))
    for index, (text, layout) in enumerate(zip(read.texts, read.layout.pages)):
        page = existing.pop(text.number, None) or PrintedPage(edition=edition, number=text.number)
        # Names, not the FieldFiles: saving the new file renames the FieldFile in place.
        replaced = [(file.storage, file.name) for file in (page.image, page.thumbnail, page.pdf) if page.pk and file]
        page.width, page.height, page.has_text_layer = text.width, text.height, text.has_text_layer
        files = pdf.page_files(read.document, index)
        # A new, random name for every import: the old files stay until the new ones are
        # committed, and no one can guess a page's URL before the API shows it (the edition
        # has a public story) - an edition imported as drafts the night before stays unseen.
        token = secrets.token_urlsafe(12)
        for field, content, extension in (
            (page.image, files.image, pdf.IMAGE_FORMAT),
            (page.thumbnail, files.thumbnail, pdf.IMAGE_FORMAT),
            (page.pdf, files.pdf, "pdf"),
        ):
            field.save(f"{token}-{field.field.name}.{extension}", ContentFile(content), save=False)
            written.append((field.storage, field.name))
        page.save()
        _delete_on_commit(replaced)
        page.regions.filter(adjusted=False).delete()
        StoryRegion.objects.bulk_create(
            StoryRegion(page=page, story=stories[found.key], x0=x0, y0=y0, x1=x1, y1=y1)
            for found in layout.stories
            if found.key in stories and stories[found.key].pk not in drawn_by_editors
            for x0, y0, x1, y1 in found.regions
        )
    for page in existing.values():  # the new PDF has fewer pages
        _delete_on_commit([(file.storage, file.name) for file in (page.image, page.thumbnail, page.pdf) if file])
        page.delete()
    for key, number in read.layout.story_pages.items():
        # A story an editor placed by hand keeps the 版次 the editor gave it, like its regions.
        if key in stories and stories[key].pk not in drawn_by_editors:
            set_print_page(stories[key], page_label(number))


def _delete_on_commit(files):
    def delete():
        for storage, name in files:
            storage.delete(name)

    if files:
        transaction.on_commit(delete)


def set_print_page(story, label):
    """Set the story's 版次 the way an editor would: in a new revision, published if the story
    is live and has no draft waiting (an editor's pending draft stays a draft, with the 版次)."""
    if story.print_page == label:
        return
    live, draft_waiting = story.live, story.has_unpublished_changes
    # Without a draft waiting, this is the story itself: save_revision() marks it as having one.
    draft = story.get_latest_revision_as_object()
    draft.print_page = label
    revision = draft.save_revision(clean=False)
    if live and not draft_waiting:
        revision.publish()
    elif live:
        type(story).objects.filter(pk=story.pk).update(print_page=label)
    story.print_page = label
