"""The embedded engine: no server, the database's own full-text index over bigram tokens.

Matching is a phrase of character bigrams per term (see search.text), so a result contains
the query exactly as typed. SQLite keeps the token streams in an FTS5 table whose tokenizer
only splits on spaces (it is told that punctuation and symbols are token characters) and
ranks with bm25; PostgreSQL keeps tsvectors built from the token literals, never from its own
text parser (which knows nothing of Chinese), matches with the <-> phrase operator and ranks
with ts_rank. Either way the full-text part yields (page id, score) and plain SQL over
search.SearchDocument (narrow rows) does expiry, filters, facets, sorting and paging.
"""

from django.db import connection, transaction
from django.utils import timezone

from bulletin.people.models import Person
from bulletin.stories.models import Byline, StoryTopic
from bulletin.topics.models import Topic

from .. import text
from ..documents import FIELD_WEIGHTS, GRAM_FIELDS
from ..models import EditorSearchEntry, SearchDocument, SearchDocumentText
from . import FACETS, EngineResult, Hit

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

    # --- Search ------------------------------------------------------------------------

    def search(self, request):
        """Count, facets and the requested page of results, in one statement.

        One full-text pass yields the matching ids (with scores when sorting by relevance);
        their filter columns are read once into ``docs``; then each facet counts the rows that
        pass all filters but its own (a reader who picked a year still sees the other years),
        and the page is cut from the rows that pass them all.
        """
        hits_sql, hits_params = self.fulltext.reader_hits(request.terms, ranked=request.sort == "relevance")
        filters = request.filters
        selects, params = [], []

        def add(name, select, joins="", group_by=""):
            where, where_params = _where(filters, exclude=name)
            selects.append(f"SELECT '{name}', {select} FROM docs d {joins} WHERE 1=1{where} {group_by}")
            params.extend(where_params)

        add("total", "'', COUNT(*)")
        for name in ("kind", "year", "month", "edition"):
            add(name, f"CAST(d.{name} AS TEXT), COUNT(*)", group_by=f"AND d.{name} IS NOT NULL GROUP BY d.{name}")
        add(
            "topic",
            "t.slug, COUNT(*)",
            joins=f"JOIN {StoryTopic._meta.db_table} st ON st.content_object_id = d.page_id "
            f"JOIN {Topic._meta.db_table} t ON t.id = st.tag_id",
            group_by="GROUP BY t.slug",
        )
        add(
            # A person appears once per role they had, so readers can pick 王明玥 as 记者 or as 摄影.
            "person",
            "p.slug || ':' || b.role, COUNT(DISTINCT d.page_id)",
            joins=f"JOIN {Byline._meta.db_table} b ON b.story_id = d.page_id "
            f"JOIN {Person._meta.db_table} p ON p.id = b.person_id",
            group_by="GROUP BY p.slug, b.role",
        )
        where, where_params = _where(filters)
        order = "d.date DESC, d.page_id DESC"
        if request.sort == "relevance":
            order = "d.score DESC, " + order
        selects.append(
            f"SELECT * FROM (SELECT 'hit', CAST(d.page_id AS TEXT), d.score FROM docs d WHERE 1=1{where} "
            f"ORDER BY {order} LIMIT %s OFFSET %s) page"
        )
        params.extend([*where_params, request.limit, request.offset])
        with connection.cursor() as cursor:
            cursor.execute(
                f"WITH hits AS MATERIALIZED ({hits_sql}), "
                f"docs AS MATERIALIZED (SELECT d.page_id, d.kind, d.year, d.month, d.edition, d.date, hits.score "
                f"FROM hits JOIN {DOC} d ON d.page_id = hits.id WHERE d.expire_at IS NULL OR d.expire_at > %s) "
                + " UNION ALL ".join(selects),
                [*hits_params, timezone.now(), *params],
            )
            rows = cursor.fetchall()
        facets = {name: [] for name in FACETS}
        total, ranked = 0, []
        for name, value, number in rows:
            if name == "hit":
                ranked.append((int(value), float(number)))
            elif name == "total":
                total = int(number)
            else:
                facets[name].append((str(value), int(number)))
        texts = SearchDocumentText.objects.select_related("document").in_bulk([pk for pk, _ in ranked])
        hits = [_hit(texts[pk], score) for pk, score in ranked if pk in texts]
        return EngineResult(total=total, hits=hits, facets=_ordered(facets), engine=self.name)

    def matching_ids(self, terms):
        """Ids of every live public story the terms match (benchmarks check recall with it)."""
        hits_sql, hits_params = self.fulltext.reader_hits(terms, ranked=False)
        with connection.cursor() as cursor:
            cursor.execute(
                f"WITH hits AS MATERIALIZED ({hits_sql}) SELECT d.page_id FROM hits JOIN {DOC} d ON d.page_id = hits.id "
                "WHERE d.expire_at IS NULL OR d.expire_at > %s",
                [*hits_params, timezone.now()],
            )
            return [pk for (pk,) in cursor.fetchall()]

    def suggest(self, query, limit):
        """Live public stories whose title contains what the reader has typed, best first."""
        hits_sql, hits_params = self.fulltext.title_hits(query)
        with connection.cursor() as cursor:
            cursor.execute(
                f"WITH hits AS MATERIALIZED ({hits_sql}) "
                f"SELECT d.page_id FROM hits JOIN {DOC} d ON d.page_id = hits.id "
                "WHERE d.expire_at IS NULL OR d.expire_at > %s "
                "ORDER BY hits.score DESC, d.date DESC, d.page_id DESC LIMIT %s",
                [*hits_params, timezone.now(), limit],
            )
            ids = [pk for (pk,) in cursor.fetchall()]
        texts = SearchDocumentText.objects.select_related("document").in_bulk(ids)
        return [_hit(texts[pk], 0.0) for pk in ids if pk in texts]

    def editor_matches(self, terms, limit=None):
        """Ids of stories editors' query finds: in the reader index or in the editors' entries
        (drafts, unpublished changes, private and unpublished stories), best first."""
        sql, params = self.fulltext.editor_hits(terms)
        limit_sql = f" LIMIT {int(limit)}" if limit else ""
        with connection.cursor() as cursor:
            cursor.execute(f"SELECT id FROM ({sql}) hits ORDER BY score DESC, id DESC{limit_sql}", params)
            return [pk for (pk,) in cursor.fetchall()]

    def document_count(self):
        return SearchDocument.objects.count()


def _where(filters, exclude=None):
    clauses, params = [], []
    for name in ("kind", "year", "month", "edition"):
        value = getattr(filters, name)
        if value is not None and name != exclude:
            clauses.append(f"d.{name} = %s")
            params.append(value)
    if filters.topic and exclude != "topic":
        clauses.append(
            f"d.page_id IN (SELECT st.content_object_id FROM {StoryTopic._meta.db_table} st "
            f"JOIN {Topic._meta.db_table} t ON t.id = st.tag_id WHERE t.slug = %s)"
        )
        params.append(filters.topic)
    if filters.person and exclude != "person":
        role_sql = " AND b.role = %s" if filters.person_role else ""
        clauses.append(
            f"d.page_id IN (SELECT b.story_id FROM {Byline._meta.db_table} b "
            f"JOIN {Person._meta.db_table} p ON p.id = b.person_id WHERE p.slug = %s{role_sql})"
        )
        params.extend([filters.person_slug, filters.person_role] if filters.person_role else [filters.person_slug])
    return "".join(f" AND {clause}" for clause in clauses), params


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


def _hit(text_row, score):
    return Hit(
        page_id=text_row.document_id,
        score=score,
        title=text_row.title,
        subtitle=text_row.subtitle,
        body=text_row.body,
        kind=text_row.document.kind,
        date=text_row.document.date,
        topics=text_row.topics,
        bylines=text_row.bylines,
    )


# --- SQLite ---------------------------------------------------------------------------------


class SQLiteFullText:
    """FTS5 tables (created by migration 0002) over the space-joined token streams.

    Columns: the gram fields, then the words of the headline and of the rest. The tokenizer
    treats letters, digits, marks, punctuation and symbols as token characters, so it splits
    only where search.text put a space and keeps every token as made.
    """

    reader_table = "search_fts"
    editor_table = "search_editor_fts"
    gram_columns = "{" + " ".join(GRAM_FIELDS) + "}"
    word_columns = "{head rest}"

    def write_reader(self, documents):
        rows = [
            (d.page_id, *(d.grams[name] for name in GRAM_FIELDS), d.words["head"], d.words["rest"]) for d in documents
        ]
        columns = ", ".join(GRAM_FIELDS)
        with connection.cursor() as cursor:
            cursor.executemany(
                f"INSERT INTO {self.reader_table} (rowid, {columns}, head, rest) VALUES (%s, %s, %s, %s, %s, %s, %s)",
                rows,
            )

    def write_editor(self, entries):
        with connection.cursor() as cursor:
            cursor.executemany(
                f"INSERT INTO {self.editor_table} (rowid, text) VALUES (%s, %s)",
                [(pk, text.gram_string(value)) for pk, value in entries.items()],
            )

    def delete(self, scope, page_ids):
        table = self.reader_table if scope == "reader" else self.editor_table
        with connection.cursor() as cursor:
            for start in range(0, len(page_ids), 500):
                chunk = page_ids[start : start + 500]
                cursor.execute(
                    f"DELETE FROM {table} WHERE rowid IN ({', '.join(['%s'] * len(chunk))})",
                    chunk,
                )

    def clear(self, scope):
        table = self.reader_table if scope == "reader" else self.editor_table
        with connection.cursor() as cursor:
            cursor.execute(f"DELETE FROM {table}")

    def reader_hits(self, terms, ranked=True):
        expression = " AND ".join(self._term(term, self.gram_columns, with_words=ranked) for term in terms)
        weights = ", ".join(str(FIELD_WEIGHTS[name]) for name in (*GRAM_FIELDS, "head", "rest"))
        score = f"-bm25({self.reader_table}, {weights})" if ranked else "0.0"
        return (
            f"SELECT rowid AS id, {score} AS score FROM {self.reader_table} WHERE {self.reader_table} MATCH %s",
            [expression],
        )

    def title_hits(self, term):
        return (
            f"SELECT rowid AS id, -bm25({self.reader_table}) AS score FROM {self.reader_table} "
            f"WHERE {self.reader_table} MATCH %s",
            [self._term(term, "{title}", with_words=False)],
        )

    def editor_hits(self, terms):
        editor = " AND ".join(self._term(term, "{text}", with_words=False) for term in terms)
        reader = " AND ".join(self._term(term, self.gram_columns, with_words=False) for term in terms)
        return (
            f"SELECT id, MAX(score) AS score FROM ("
            f"SELECT rowid AS id, -bm25({self.editor_table}) AS score FROM {self.editor_table} "
            f"WHERE {self.editor_table} MATCH %s UNION ALL "
            f"SELECT rowid AS id, -bm25({self.reader_table}) AS score FROM {self.reader_table} "
            f"WHERE {self.reader_table} MATCH %s) GROUP BY id",
            [editor, reader],
        )

    def _term(self, term, columns, with_words):
        """An FTS5 expression that matches exactly the rows containing the term (or a synonym).

        With words, the expression is "G AND (G OR W)": it matches the same rows as G, but
        bm25 also credits rows that have the term's dictionary words (W).
        """
        grams = " OR ".join(f"{columns} : {_phrase(*text.phrase_grams(runs))}" for runs in term.variants)
        words = [w for runs in term.variants for w in text.query_words("".join(runs))] if with_words else []
        if not words:
            return f"({grams})"
        word_expr = " OR ".join(f"{self.word_columns} : {_quote(w)}" for w in dict.fromkeys(words))
        return f"(({grams}) AND ({grams} OR {word_expr}))"


def _quote(token):
    return '"' + token.replace('"', '""') + '"'


def _phrase(tokens, prefix):
    if prefix is None:
        return _quote(" ".join(tokens))
    return _quote(" ".join([*tokens, prefix])) + " *"


# --- PostgreSQL -----------------------------------------------------------------------------


class PostgresFullText:
    """Rows of tsvectors (table search_pgtext, created by migration 0002) built from literals.

    A tsvector holds positions up to 16383, so a long story is cut into overlapping chunks;
    a term (at most MAX_QUERY_LENGTH characters) always lies whole inside one of them.
    Weights mark the field: A title, B subtitle, C meta, D body.
    """

    table = "search_pgtext"
    chunk_size = 16000
    overlap = 2 * text.MAX_QUERY_LENGTH
    weights = dict(zip(GRAM_FIELDS, "ABCD"))
    # ts_rank takes the weights of D, C, B, A in that order.
    rank_weights = "'{%s, %s, %s, %s}'" % tuple(FIELD_WEIGHTS[name] / 8 for name in reversed(GRAM_FIELDS))

    def write_reader(self, documents):
        rows = []
        for d in documents:
            stream = []
            for name in GRAM_FIELDS:
                stream.extend((token, self.weights[name]) for token in d.grams[name].split())
                stream.append(None)  # a gap: no phrase runs from one field into the next
            words = [(w, "A") for w in d.words["head"].split()] + [(w, "D") for w in d.words["rest"].split()]
            for number, chunk in enumerate(self._chunks(stream)):
                rows.append((d.page_id, "r", number, _tsvector(chunk), _tsvector(words if number == 0 else [])))
        self._insert(rows)

    def write_editor(self, entries):
        rows = []
        for pk, value in entries.items():
            stream = [(token, "D") for token in text.gram_tokens(value)]
            for number, chunk in enumerate(self._chunks(stream)):
                rows.append((pk, "e", number, _tsvector(chunk), ""))
        self._insert(rows)

    def _chunks(self, stream):
        step = self.chunk_size - self.overlap
        for start in range(0, max(len(stream) - self.overlap, 1), step):
            yield stream[start : start + self.chunk_size]

    def _insert(self, rows):
        with connection.cursor() as cursor:
            cursor.executemany(
                f"INSERT INTO {self.table} (page_id, scope, chunk, grams, words) "
                "VALUES (%s, %s, %s, %s::tsvector, %s::tsvector)",
                rows,
            )

    def delete(self, scope, page_ids):
        with connection.cursor() as cursor:
            cursor.execute(f"DELETE FROM {self.table} WHERE scope = %s AND page_id = ANY(%s)", [scope[0], page_ids])

    def clear(self, scope):
        with connection.cursor() as cursor:
            cursor.execute(f"DELETE FROM {self.table} WHERE scope = %s", [scope[0]])

    def reader_hits(self, terms, ranked=True):
        return self._hits(["r"], terms, ranked=ranked)

    def title_hits(self, term):
        # Only the title carries weight A; the match is on chunk 0, where the title is.
        query = _tsquery_term(term, weight="A")
        return (
            f"SELECT page_id AS id, ts_rank(grams, %s::tsquery) AS score FROM {self.table} "
            "WHERE scope = 'r' AND chunk = 0 AND grams @@ %s::tsquery",
            [query, query],
        )

    def editor_hits(self, terms):
        return self._hits(["e", "r"], terms, ranked=True, with_words=False)

    def _hits(self, scopes, terms, ranked, with_words=True):
        queries = [_tsquery_term(term) for term in terms]
        any_query = " | ".join(f"({q})" for q in queries)
        params = []
        score = "0.0"
        if ranked:
            words = [w for term in terms for runs in term.variants for w in text.query_words("".join(runs))]
            score = f"SUM(ts_rank({self.rank_weights}, grams, %s::tsquery))"
            params.append(any_query)
            if with_words and words:
                score += f" + SUM(ts_rank({self.rank_weights}, words, %s::tsquery))"
                params.append(" | ".join(_lexeme(w) for w in dict.fromkeys(words)))
        params.append(scopes)
        if len(queries) == 1:
            params.append(queries[0])
            return (
                f"SELECT page_id AS id, {score} AS score FROM {self.table} "
                "WHERE scope = ANY(%s) AND grams @@ %s::tsquery GROUP BY page_id",
                params,
            )
        # Several terms: a chunk holding them all, or, in a story long enough to have several
        # chunks, each term in one of them (checked only for those few stories: reading every
        # matching tsvector again would cost more than the search).
        long_stories = f"SELECT page_id FROM {self.table} WHERE chunk > 0"
        all_query = " & ".join(f"({q})" for q in queries)
        each = " AND ".join(f"bool_or(grams @@ %s::tsquery) FILTER (WHERE page_id IN ({long_stories}))" for _ in queries)
        params.extend([all_query, any_query, *queries])
        return (
            f"SELECT page_id AS id, {score} AS score FROM {self.table} "
            "WHERE scope = ANY(%s) AND (grams @@ %s::tsquery "
            f"OR (grams @@ %s::tsquery AND page_id IN ({long_stories}))) "
            f"GROUP BY page_id HAVING page_id NOT IN ({long_stories}) OR ({each})",
            params,
        )


def _lexeme(token):
    return "'" + token.replace("\\", "\\\\").replace("'", "''") + "'"


def _tsvector(stream):
    """A tsvector literal from (token, weight) pairs in order; None leaves a position empty."""
    entries = []
    for position, item in enumerate(stream, start=1):
        if item is not None:
            token, weight = item
            entries.append(f"{_lexeme(token)}:{min(position, 16383)}{weight}")
    return " ".join(entries)


def _tsquery_term(term, weight=""):
    """The term (or any of its synonyms) as a tsquery phrase of literal bigram lexemes."""
    variants = []
    for runs in term.variants:
        tokens, prefix = text.phrase_grams(runs)
        parts = [_lexeme(t) + (f":{weight}" if weight else "") for t in tokens]
        if prefix is not None:
            parts.append(_lexeme(prefix) + f":*{weight}")
        variants.append(" <-> ".join(parts))
    return " | ".join(f"({v})" for v in variants)
