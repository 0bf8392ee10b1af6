"""The embedded engine's full-text part on SQLite: FTS5 tables over the space-joined token streams."""

from django.db import connection

from ... import text
from ...documents import FIELD_WEIGHTS, GRAM_FIELDS
from ...models import SearchDocument


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

    def execute(self, cursor, sql, params):
        """Run a search statement as it is (SQLite's planner always starts from the FTS5 match)."""
        cursor.execute(sql, params)
        return cursor.fetchall()

    def elements(self, column):
        """A JSON list column's elements as rows of v.value (text)."""
        return f"json_each({column}) AS v"

    def analyze(self, tables):
        """Nothing to refresh: SQLite's plans start from the FTS5 match whatever the statistics."""

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

    def reader_documents(self, terms, ranked=True):
        """The matching reader stories as rows ``d`` of search.SearchDocument, with a score:
        (ctes, select, params), for the engine's WITH list and its statement."""
        sql, params = self._reader_hits(terms, ranked)
        return (
            f"hits AS MATERIALIZED ({sql})",
            f"SELECT d.*, hits.score FROM hits JOIN {SearchDocument._meta.db_table} d ON d.page_id = hits.id",
            params,
        )

    def _reader_hits(self, terms, ranked):
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
