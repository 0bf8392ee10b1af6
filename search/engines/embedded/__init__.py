"""The embedded engine: no server, the database's own full-text index over bigram tokens.

Matching is a phrase of character bigrams per term (see search.text), so a result contains
the query exactly as typed. SQLite keeps the token streams in an FTS5 table whose tokenizer
only splits on spaces (it is told that punctuation and symbols are token characters) and
ranks with bm25; PostgreSQL keeps tsvectors built from the token literals, never from its own
text parser (which knows nothing of Chinese), matches with the <-> phrase operator and ranks
with ts_rank. Either way the full-text part yields the matching stories as rows of
search.SearchDocument's narrow columns with a score (SQLite joins them to the table, PostgreSQL's
full-text rows carry them), and plain SQL over those does expiry, filters, facets, sorting and
paging.
"""

from django.db import connection, transaction
from django.db.models import OuterRef, Subquery
from django.utils import timezone

from bulletin.stories.models import StoryPage

from ...models import EditorSearchEntry, SearchDocument, SearchDocumentText
from .. import FACETS, EngineResult, Hit
from .postgres import PostgresFullText
from .sqlite import SQLiteFullText

DOC = SearchDocument._meta.db_table

FACET_LIMITS = {"topic": 50, "person": 30, "edition": 30}


class EmbeddedEngine:
    name = "embedded"

    def __init__(self):
        self.fulltext = PostgresFullText() if connection.vendor == "postgresql" else SQLiteFullText()

    # --- Index -------------------------------------------------------------------------

    def index(self, documents):
        """Add or replace the reader documents of these stories."""
        documents = list(documents)
        if not documents:
            return
        ids = [d.page_id for d in documents]
        rows = [d.to_models() for d in documents]
        with transaction.atomic():
            SearchDocument.objects.filter(pk__in=ids).delete()  # and their text (cascade)
            SearchDocument.objects.bulk_create([document for document, _ in rows], batch_size=500)
            SearchDocumentText.objects.bulk_create([text_row for _, text_row in rows], batch_size=500)
            self.fulltext.delete("reader", ids)
            self.fulltext.write_reader(documents)

    def remove(self, page_ids):
        page_ids = list(page_ids)
        if not page_ids:
            return
        with transaction.atomic():
            SearchDocument.objects.filter(pk__in=page_ids).delete()
            self.fulltext.delete("reader", page_ids)

    def clear(self):
        with transaction.atomic():
            SearchDocument.objects.all().delete()
            self.fulltext.clear("reader")

    def index_editor_entries(self, entries):
        """Add or replace what editors find stories by: {page_id: text}."""
        if not entries:
            return
        with transaction.atomic():
            EditorSearchEntry.objects.filter(pk__in=entries).delete()
            EditorSearchEntry.objects.bulk_create(
                [EditorSearchEntry(page_id=pk, text=value) for pk, value in entries.items()], batch_size=500
            )
            self.fulltext.delete("editor", list(entries))
            self.fulltext.write_editor(entries)

    def remove_editor_entries(self, page_ids):
        page_ids = list(page_ids)
        if not page_ids:
            return
        with transaction.atomic():
            EditorSearchEntry.objects.filter(pk__in=page_ids).delete()
            self.fulltext.delete("editor", page_ids)

    def clear_editor_entries(self):
        with transaction.atomic():
            EditorSearchEntry.objects.all().delete()
            self.fulltext.clear("editor")

    def analyze(self):
        """Refresh the planner's statistics of the index tables (after a bulk write)."""
        self.fulltext.analyze([DOC, SearchDocumentText._meta.db_table])

    # --- Search ------------------------------------------------------------------------

    def search(self, request):
        """Count, facets and the requested page of results, in one statement.

        One full-text pass yields the matching stories with their filter columns (and scores
        when sorting by relevance) into ``docs``; then each facet counts the rows that
        pass all filters but its own (a reader who picked a year still sees the other years),
        and the page is cut from the rows that pass them all.
        """
        filters = request.filters
        selects, params = [], []

        def add(name, select, joins="", group_by=""):
            where, where_params = self._where(filters, exclude=name)
            selects.append(f"SELECT '{name}', {select} FROM docs d {joins} WHERE 1=1{where} {group_by}")
            params.extend(where_params)

        add("total", "'', COUNT(*)")
        for name in ("kind", "year", "month", "edition"):
            add(name, f"CAST(d.{name} AS TEXT), COUNT(*)", group_by=f"AND d.{name} IS NOT NULL GROUP BY d.{name}")
        # A person appears once per role they had, so readers can pick 王明玥 as 记者 or as 摄影.
        for name, column in (("topic", "topics"), ("person", "people")):
            add(
                name,
                "v.value, COUNT(*)",
                joins=f", {self.fulltext.elements(f'd.{column}')}",
                group_by="GROUP BY v.value",
            )
        where, where_params = self._where(filters)
        order = "d.date DESC, d.page_id DESC"
        if request.sort == "relevance":
            order = "d.score DESC, " + order
        selects.append(
            f"SELECT * FROM (SELECT 'hit', CAST(d.page_id AS TEXT), d.score FROM docs d WHERE 1=1{where} "
            f"ORDER BY {order} LIMIT %s OFFSET %s) page"
        )
        params.extend([*where_params, request.limit, request.offset])
        docs, docs_params = self._documents(request.terms, ranked=request.sort == "relevance")
        with connection.cursor() as cursor:
            rows = self.fulltext.execute(cursor, f"{docs} " + " UNION ALL ".join(selects), [*docs_params, *params])
        facets = {name: [] for name in FACETS}
        total, ranked = 0, []
        for name, value, number in rows:
            if name == "hit":
                ranked.append((int(value), float(number)))
            elif name == "total":
                total = int(number)
            else:
                facets[name].append((str(value), int(number)))
        return EngineResult(total=total, hits=_hits(ranked), facets=_ordered(facets), engine=self.name)

    def _documents(self, terms, ranked):
        """A WITH clause ending in ``docs``: the live public stories the terms match, not
        expired, with their filter columns and (if ``ranked``) scores."""
        ctes, select, params = self.fulltext.reader_documents(terms, ranked)
        sql = f"WITH {ctes}, docs AS MATERIALIZED ({select} WHERE d.expire_at IS NULL OR d.expire_at > %s)"
        return sql, [*params, timezone.now()]

    def _where(self, filters, exclude=None):
        clauses, params = [], []
        for name in ("kind", "year", "month", "edition"):
            value = getattr(filters, name)
            if value is not None and name != exclude:
                clauses.append(f"d.{name} = %s")
                params.append(value)
        has = "EXISTS (SELECT 1 FROM {elements} WHERE {test})"
        if filters.topic and exclude != "topic":
            clauses.append(has.format(elements=self.fulltext.elements("d.topics"), test="v.value = %s"))
            params.append(filters.topic)
        if filters.person and exclude != "person":
            if filters.person_role:
                test, values = "v.value = %s", [filters.person]
            else:  # in any role: "slug:" begins the value
                test, values = "substr(v.value, 1, %s) = %s", [len(filters.person_slug) + 1, f"{filters.person_slug}:"]
            clauses.append(has.format(elements=self.fulltext.elements("d.people"), test=test))
            params.extend(values)
        return "".join(f" AND {clause}" for clause in clauses), params

    def matching_ids(self, terms):
        """Ids of every live public story the terms match (benchmarks check recall with it)."""
        docs, params = self._documents(terms, ranked=False)
        with connection.cursor() as cursor:
            rows = self.fulltext.execute(cursor, f"{docs} SELECT page_id FROM docs", params)
        return [pk for (pk,) in rows]

    def suggest(self, query, limit):
        """Live public stories whose title contains what the reader has typed, best first."""
        hits_sql, hits_params = self.fulltext.title_hits(query)
        with connection.cursor() as cursor:
            rows = self.fulltext.execute(
                cursor,
                f"WITH hits AS MATERIALIZED ({hits_sql}) "
                f"SELECT d.page_id FROM hits JOIN {DOC} d ON d.page_id = hits.id "
                "WHERE d.expire_at IS NULL OR d.expire_at > %s "
                "ORDER BY hits.score DESC, d.date DESC, d.page_id DESC LIMIT %s",
                [*hits_params, timezone.now(), limit],
            )
        return _hits([(pk, 0.0) for (pk,) in rows])

    def editor_matches(self, terms, limit=None):
        """Ids of stories editors' query finds: in the reader index or in the editors' entries
        (drafts, unpublished changes, private and unpublished stories), best first."""
        sql, params = self.fulltext.editor_hits(terms)
        limit_sql = f" LIMIT {int(limit)}" if limit else ""
        with connection.cursor() as cursor:
            rows = self.fulltext.execute(
                cursor, f"SELECT id FROM ({sql}) hits ORDER BY score DESC, id DESC{limit_sql}", params
            )
        return [pk for (pk,) in rows]

    def document_count(self):
        return SearchDocument.objects.count()


def _ordered(facets):
    """Years and editions newest first, months in order, the rest by count; long lists cut."""
    for name, values in facets.items():
        if name in ("year", "edition"):
            values.sort(key=lambda item: -int(item[0]))
        elif name == "month":
            values.sort(key=lambda item: int(item[0]))
        else:
            values.sort(key=lambda item: (-item[1], item[0]))
        if name in FACET_LIMITS:
            del values[FACET_LIMITS[name] :]
    return facets


# The text of a story as indexed (snippets and highlights come from the text that matched),
# read with the story's page: Hit names and the statement's column names.
INDEXED = {
    "title": "title",
    "subtitle": "subtitle",
    "body": "body",
    "topics": "topics",
    "bylines": "bylines",
    "kind": "document__kind",
    "date": "document__date",
}


def _hits(ranked):
    """The ranked (page id, score) stories that readers may see now, as hits with their text as
    indexed and their page: one statement gives the text, the check and the URL's ingredients.
    The index follows every publish, unpublish, move and restriction; the check is the belt
    to those braces, on the twenty or so stories actually shown."""
    indexed = SearchDocumentText.objects.filter(pk=OuterRef("pk"))
    pages = (
        StoryPage.objects.for_readers()
        .filter(pk__in=[pk for pk, _ in ranked])
        .annotate(**{f"indexed_{name}": Subquery(indexed.values(column)) for name, column in INDEXED.items()})
    )
    pages = {page.pk: page for page in pages}
    return [
        Hit(
            page_id=pk,
            score=score,
            page=pages[pk],
            **{name: getattr(pages[pk], f"indexed_{name}") for name in INDEXED},
        )
        for pk, score in ranked
        if pk in pages
    ]
