"""The embedded engine's full-text part on PostgreSQL: tsvectors built from bigram literals."""

from django.db import connection

from ... import text
from ...documents import FIELD_WEIGHTS, GRAM_FIELDS


class PostgresFullText:
    """Rows of tsvectors (table search_pgtext, created by migration 0002) built from literals.

    A tsvector holds positions up to 16383, so a long story is cut into overlapping chunks;
    a term (at most MAX_QUERY_LENGTH characters) always lies whole inside one of them.
    Weights mark the field: A title, B subtitle, C meta, D body.
    """

    table = "search_pgtext"
    chunk_size = 16000
    overlap = 2 * text.MAX_QUERY_LENGTH
    weights = dict(zip(GRAM_FIELDS, "ABCD", strict=True))
    # ts_rank takes the weights of D, C, B, A in that order.
    rank_weights = "'{" + ", ".join(str(FIELD_WEIGHTS[name] / 8) for name in reversed(GRAM_FIELDS)) + "}'"

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
        each = " AND ".join(
            f"bool_or(grams @@ %s::tsquery) FILTER (WHERE page_id IN ({long_stories}))" for _ in queries
        )
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
