"""The embedded engine's full-text part on PostgreSQL: tsvectors built from bigram literals."""

import json

from django.db import connection

from bulletin import compat

from ... import text
from ...documents import FIELD_WEIGHTS, GRAM_FIELDS

# What a story's headline and meta (not its body) are ranked by; see PostgresFullText.
HEAD_FIELDS = GRAM_FIELDS[:-1]
# The GIN indexes of each table (migrations 0002 and 0005).
GIN_INDEXES = {
    "search_pgtext": ["search_pgtext_grams"],
    "search_pgrank": ["search_pgrank_head", "search_pgrank_head_words", "search_pgrank_body_words"],
}
# search.SearchDocument's columns that the reader rows of search_pgtext carry (migration 0007);
# topics and people (JSON) last.
FILTER_COLUMNS = ("kind", "date", "year", "month", "edition", "expire_at", "topics", "people")
# The score a story gets when its body has the query as a whole word: below any match in the
# headline or meta (ts_rank gives one match of weight C, the meta's, at least 0.25 / 1.64).
BODY_WORD_SCORE = 0.1


class PostgresFullText:
    """Tsvectors built from literal tokens, in two tables created by migrations 0002 and 0005.

    ``search_pgtext`` is what matches: every field's bigrams, one row per chunk. A tsvector
    holds positions up to 16383, so a long story is cut into overlapping chunks; a term (at
    most MAX_QUERY_LENGTH characters) always lies whole inside one of them. Weights mark the
    field: A title, B subtitle, C meta, D body.

    ``search_pgrank`` is what ranks, one row per reader story: the headline and meta bigrams
    (``head``), the headline's words and the body's words. Ranking never reads the body's
    bigrams: a frequent fragment matches a third of the archive, and de-TOASTing and ts_rank-ing
    each of those tsvectors cost more than the rest of the search. So a story scores ts_rank of
    its headline and meta (title 8×, subtitle 4×, meta 2×) and of its headline's words, plus
    BODY_WORD_SCORE when its body has the query as a whole word; and only the stories whose
    GIN indexes say they score at all are read. Both tables keep their tsvectors out of line
    (toast_tuple_target), so their heaps stay narrow (some 180 bytes a row in search_pgtext):
    counting forty thousand hits reads their ids, not their vectors.

    Every search statement runs with sequential scans off (execute()): the planner cannot see
    what reading a TOASTed tsvector costs, and after some ANALYZE samples it chose to read them
    all rather than the GIN index.
    """

    table = "search_pgtext"
    rank_table = "search_pgrank"
    chunk_size = 16000
    overlap = 2 * text.MAX_QUERY_LENGTH
    weights = dict(zip(GRAM_FIELDS, "ABCD", strict=True))
    # ts_rank takes the weights of D, C, B, A in that order.
    rank_weights = "'{" + ", ".join(str(FIELD_WEIGHTS[name] / 8) for name in reversed(GRAM_FIELDS)) + "}'"

    def execute(self, cursor, sql, params):
        """Run a search statement with the GIN indexes as the only way to the tsvectors.

        JIT is off as well: the planner's row estimates for joined CTEs run to millions, which
        makes it compile the statement (100 ms) to save microseconds. The settings go with the
        statement in one round trip (Django's client-side binding cursor sends a string of
        statements as one implicit transaction, which the settings end with); inside a
        transaction, a third statement sets them back to their defaults.
        """
        names = ", ".join(f"set_config('{name}', '{value}', true)" for name, value in _SETTINGS)
        statements = [f"SELECT {names}", sql]
        if connection.in_atomic_block:
            listed = ", ".join(f"'{name}'" for name, _ in _SETTINGS)
            statements.append(f"SELECT set_config(name, reset_val, true) FROM pg_settings WHERE name IN ({listed})")
        cursor.execute("; ".join(statements), params)
        cursor.nextset()
        return cursor.fetchall()

    def elements(self, column):
        """A JSON list column's elements as rows of v.value (text)."""
        return f"jsonb_array_elements_text({column}) AS v(value)"

    def analyze(self, tables):
        with connection.cursor() as cursor:
            cursor.execute(f"ANALYZE {', '.join([*tables, self.table, self.rank_table])}")

    def write_reader(self, documents):
        rows, ranks = [], []
        for d in documents:
            stream = []
            for name in GRAM_FIELDS:
                stream.extend((token, self.weights[name]) for token in d.grams[name].split())
                stream.append(None)  # a gap: no phrase runs from one field into the next
            filters = d.search_document()
            columns = [getattr(filters, name) for name in FILTER_COLUMNS]
            columns[-2:] = [json.dumps(filters.topics), json.dumps(filters.people)]
            for number, chunk in enumerate(self._chunks(stream)):
                rows.append((d.page_id, "r", number, _tsvector(chunk), *columns))
            head = []
            for name in HEAD_FIELDS:
                head.extend((token, self.weights[name]) for token in d.grams[name].split())
                head.append(None)
            ranks.append(
                (
                    d.page_id,
                    _tsvector(head),
                    _tsvector([(w, "A") for w in d.words["head"].split()]),
                    _tsvector([(w, "D") for w in d.words["rest"].split()]),
                )
            )
        self._insert(rows)
        compat.copy_rows(self.rank_table, ["page_id", "head", "head_words", "body_words"], ranks)
        self._merge_pending([*GIN_INDEXES[self.table], *GIN_INDEXES[self.rank_table]])

    def write_editor(self, entries):
        rows = []
        for pk, value in entries.items():
            stream = [(token, "D") for token in text.gram_tokens(value)]
            for number, chunk in enumerate(self._chunks(stream)):
                rows.append((pk, "e", number, _tsvector(chunk), *[None] * len(FILTER_COLUMNS)))
        self._insert(rows)
        self._merge_pending(GIN_INDEXES[self.table])

    def _merge_pending(self, indexes):
        """Move what was just written into the GIN indexes' main structure.

        A GIN index (fastupdate, the default) keeps new entries in a pending list that every
        search reads through in full until VACUUM merges it. After a rebuild of the 12k archive
        some 670 pending pages were left in the four indexes, which cost each search (even for
        a rare word) 25 ms on a busy machine, more than the search itself; how many were left
        depended on when autovacuum came round. The writer merges the lists when it is done: in
        bulk, once per batch; for one published story, a few pages.
        """
        with connection.cursor() as cursor:
            cursor.execute("SELECT gin_clean_pending_list(name::regclass) FROM unnest(%s::text[]) AS name", [indexes])

    def _chunks(self, stream):
        step = self.chunk_size - self.overlap
        for start in range(0, max(len(stream) - self.overlap, 1), step):
            yield stream[start : start + self.chunk_size]

    def _insert(self, rows):
        # COPY, not an INSERT a row: Django's client-side binding quoted each tsvector literal
        # into SQL in Python, and the server parsed every statement.
        compat.copy_rows(self.table, ["page_id", "scope", "chunk", "grams", *FILTER_COLUMNS], rows)

    def delete(self, scope, page_ids):
        with connection.cursor() as cursor:
            cursor.execute(f"DELETE FROM {self.table} WHERE scope = %s AND page_id = ANY(%s)", [scope[0], page_ids])
            if scope == "reader":
                cursor.execute(f"DELETE FROM {self.rank_table} WHERE page_id = ANY(%s)", [page_ids])

    def clear(self, scope):
        with connection.cursor() as cursor:
            cursor.execute(f"DELETE FROM {self.table} WHERE scope = %s", [scope[0]])
            if scope == "reader":
                cursor.execute(f"DELETE FROM {self.rank_table}")

    def reader_documents(self, terms, ranked=True):
        """The matching reader stories as rows ``d`` of search.SearchDocument's columns and a score.

        (ctes, select, params): the engine puts ``ctes`` in its WITH list and filters ``select``.
        The columns come with the matched rows of search_pgtext (migration 0007), so a fragment
        in a third of the archive is counted and faceted without one lookup per story.
        """
        # A long story's chunks carry the same columns: any one of its matching rows will do.
        # Grouping by the JSON columns as well would cost more than the rest of the match.
        if len(terms) == 1:
            sql = (
                f"SELECT DISTINCT ON (page_id) page_id, {', '.join(FILTER_COLUMNS)} FROM {self.table} "
                "WHERE scope::text = ANY(%s) AND grams @@ %s::tsquery ORDER BY page_id"
            )
            params = [["r"], _tsquery_term(terms[0])]
        else:  # aggregates, for the terms met in several chunks of a long story (see _matches)
            first = [f"min({name}) AS {name}" for name in FILTER_COLUMNS[:-2]]
            first += [f"(array_agg({name}))[1] AS {name}" for name in FILTER_COLUMNS[-2:]]
            sql, params = self._matches(["r"], terms, ", ".join(["page_id", *first]))
        ctes = [f"matches AS MATERIALIZED ({sql})"]
        if not ranked:
            return ctes[0], "SELECT d.*, 0 AS score FROM matches d", params
        queries = [_tsquery_term(term) for term in terms]
        any_query = " | ".join(f"({q})" for q in queries)
        # Only a term that is one whole word earns the word scores: then the stories with the
        # word are among the matches, and looking them up costs no more than the matches do
        # (a word of a longer fragment, 发展 of 的发展, would be in a third of the archive).
        words = [w for w in ("".join(runs) for term in terms for runs in term.variants) if text.query_words(w) == [w]]
        words_query = " | ".join(_lexeme(w) for w in dict.fromkeys(words))
        head_score = f"ts_rank({self.rank_weights}, head, %s::tsquery)"
        head_match = "head @@ %s::tsquery"
        head_params = [any_query, any_query]
        score = "COALESCE(h.score, 0)"
        joins = " LEFT JOIN head h ON h.page_id = d.page_id"
        if words:
            head_score += f" + ts_rank({self.rank_weights}, head_words, %s::tsquery)"
            head_match += " OR head_words @@ %s::tsquery"
            head_params = [any_query, words_query, any_query, words_query]
            ctes.append(f"body AS MATERIALIZED (SELECT page_id FROM {self.rank_table} WHERE body_words @@ %s::tsquery)")
            head_params.append(words_query)
            score += f" + CASE WHEN b.page_id IS NULL THEN 0 ELSE {BODY_WORD_SCORE} END"
            joins += " LEFT JOIN body b ON b.page_id = d.page_id"
        # The stories that score at all are found through their GIN indexes and ranked; the
        # rest of the matches (most of them, for a frequent fragment) score 0 unread.
        ctes.insert(
            1, f"head AS MATERIALIZED (SELECT page_id, {head_score} AS score FROM {self.rank_table} WHERE {head_match})"
        )
        return ", ".join(ctes), f"SELECT d.*, {score} AS score FROM matches d{joins}", [*params, *head_params]

    def title_hits(self, term):
        # Only the title carries weight A in the headline's tsvector.
        query = _tsquery_term(term, weight="A")
        return (
            f"SELECT page_id AS id, ts_rank(head, %s::tsquery) AS score FROM {self.rank_table} "
            "WHERE head @@ %s::tsquery",
            [query, query],
        )

    def editor_hits(self, terms):
        # Editors' search has no facets and few matches: it ranks by every chunk's bigrams.
        any_query = " | ".join(f"({_tsquery_term(term)})" for term in terms)
        return self._matches(
            ["e", "r"],
            terms,
            f"page_id AS id, SUM(ts_rank({self.rank_weights}, grams, %s::tsquery)) AS score",
            params=[any_query],
        )

    def _matches(self, scopes, terms, columns, params=()):
        """``columns`` (page_id and aggregates over its matching chunks) of the stories in these
        scopes that contain every term, one row per story."""
        queries = [_tsquery_term(term) for term in terms]
        # The scope is compared as text, which the primary key (scope, page_id, chunk) cannot
        # serve: after ANALYZE the planner took every row of the scope from it and tested each
        # row's tsvector, de-TOASTing them all, rather than ask the GIN index.
        select = f"SELECT {columns} FROM {self.table}"
        params = [*params, scopes]
        if len(queries) == 1:
            return (
                f"{select} WHERE scope::text = ANY(%s) AND grams @@ %s::tsquery GROUP BY page_id",
                [*params, queries[0]],
            )
        # Several terms: a chunk holding them all, or, in a story long enough to have several
        # chunks, each term in one of them (checked only for those few stories: reading every
        # matching tsvector again would cost more than the search).
        long_stories = f"SELECT page_id FROM {self.table} WHERE chunk > 0"
        all_query = " & ".join(f"({q})" for q in queries)
        any_query = " | ".join(f"({q})" for q in queries)
        each = " AND ".join(
            f"bool_or(grams @@ %s::tsquery) FILTER (WHERE page_id IN ({long_stories}))" for _ in queries
        )
        return (
            f"{select} WHERE scope::text = ANY(%s) AND (grams @@ %s::tsquery "
            f"OR (grams @@ %s::tsquery AND page_id IN ({long_stories}))) "
            f"GROUP BY page_id HAVING page_id NOT IN ({long_stories}) OR ({each})",
            [*params, all_query, any_query, *queries],
        )


# What a search statement runs with (see PostgresFullText.execute).
_SETTINGS = (("enable_seqscan", "off"), ("jit", "off"))


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
