"""The plain-text document a story is searched as, built once and fed to every engine."""

from dataclasses import dataclass, field
from datetime import date, datetime
from functools import cached_property
from html import unescape

from bulletin.stories.models import StoryPage

from . import text
from .models import SearchDocument, SearchDocumentText

# Fields matched by character n-grams, in the order the engines weigh them (heaviest first).
GRAM_FIELDS = ("title", "subtitle", "meta", "body")
# Fields of jieba words, which only add score: the headline's (title, subtitle) and the rest's.
WORD_FIELDS = ("head", "rest")

# How much more a match counts in each field than in the body, in both engines. The headline
# words weigh like the title: a story whose headline has the query as a word is about it.
FIELD_WEIGHTS = {"title": 8.0, "subtitle": 4.0, "meta": 2.0, "body": 1.0, "head": 8.0, "rest": 1.0}


@dataclass
class StoryDocument:
    page_id: int
    title: str
    subtitle: str
    body: str
    meta: str
    kind: str
    date: date
    edition: int | None = None
    expire_at: datetime | None = None
    topics: list = field(default_factory=list)  # [{"slug", "name"}]
    bylines: list = field(default_factory=list)  # [{"slug", "name", "role"}]

    @classmethod
    def from_page(cls, page):
        """The document for a story page as it is in memory (the live row or a revision)."""
        bylines = [
            {"slug": b.person.slug, "name": b.person.name, "role": b.role} for b in page.bylines.all() if b.person_id
        ]
        # Through the items rather than page.topics: it uses the prefetch, and works on revisions.
        topics = [{"slug": i.tag.slug, "name": i.tag.name} for i in page.topic_items.all()]
        meta = [
            " ".join(f"{b['role']} {b['name']}" for b in bylines),
            " ".join(t["name"] for t in topics),
            getattr(page, "column", ""),
            getattr(page, "issuing_body", ""),
            getattr(page, "lead_image_caption", ""),
            " ".join(c.text for c in page.corrections.all()),
        ]
        return cls(
            page_id=page.pk,
            title=page.title,
            subtitle=getattr(page, "subtitle", ""),
            # Rich text paragraphs come out of strip_tags with entities such as &amp; still in.
            body=unescape(page.plain_text()),
            meta="\n".join(part for part in meta if part),
            kind=page.story_kind(),
            date=page.date,
            edition=page.edition.number if page.edition_id else None,
            expire_at=page.expire_at,
            topics=topics,
            bylines=bylines,
        )

    @classmethod
    def from_model(cls, row):
        """The document back from the reader index (a SearchDocument with its text)."""
        text_row = row.text
        return cls(
            page_id=row.page_id,
            title=text_row.title,
            subtitle=text_row.subtitle,
            body=text_row.body,
            meta=text_row.meta,
            kind=row.kind,
            date=row.date,
            edition=row.edition,
            expire_at=row.expire_at,
            topics=text_row.topics,
            bylines=text_row.bylines,
        )

    def to_models(self):
        """The reader index rows: what queries filter by, and the text."""
        text_row = SearchDocumentText(
            document_id=self.page_id,
            title=self.title,
            subtitle=self.subtitle,
            body=self.body,
            meta=self.meta,
            topics=self.topics,
            bylines=self.bylines,
        )
        return self.search_document(), text_row

    def search_document(self):
        """What queries filter, count and sort by (PostgreSQL's full-text rows carry it too)."""
        return SearchDocument(
            page_id=self.page_id,
            kind=self.kind,
            date=self.date,
            year=self.date.year,
            month=self.date.month,
            edition=self.edition,
            expire_at=self.expire_at,
            topics=list(dict.fromkeys(t["slug"] for t in self.topics)),
            people=list(dict.fromkeys(f"{b['slug']}:{b['role']}" for b in self.bylines)),
        )

    @cached_property
    def grams(self):
        """Each matched field as its space-joined bigram token stream."""
        return {name: text.gram_string(getattr(self, name)) for name in GRAM_FIELDS}

    @cached_property
    def words(self):
        """The words of the headline (title, subtitle) and of the rest, for ranking."""
        return {
            "head": text.word_string(f"{self.title}\n{self.subtitle}"),
            "rest": text.word_string(f"{self.meta}\n{self.body}"),
        }


def editor_text(page):
    """What editors search a story by: its latest draft, and its live version if that differs."""
    versions = [page]
    if page.latest_revision_id and (page.has_unpublished_changes or not page.live):
        versions.insert(0, page.get_latest_revision_as_object())
    parts = []
    for version in versions:
        document = StoryDocument.from_page(version)
        parts.append("\n".join([document.title, document.subtitle, document.meta, document.body]))
    return "\n".join(dict.fromkeys(parts))


def story_pages(page_ids=None):
    """Story pages, specific, with what their documents need, in id order."""
    pages = StoryPage.objects.order_by("pk")
    if page_ids is not None:
        pages = pages.filter(pk__in=page_ids)
    return (
        pages.specific()
        .select_related("edition")
        .prefetch_related("bylines__person", "topic_items__tag", "corrections", for_specific_subqueries=True)
    )
