"""The embedded engine's full-text structures, for the database in use.

SQLite: FTS5 tables whose unicode61 tokenizer counts letters, digits, marks, punctuation and
symbols as token characters, so it splits only on the spaces search.text puts between tokens
(and its own case folding matches ours). PostgreSQL: a table of tsvectors with a GIN index;
the vectors are built from literal tokens, never by PostgreSQL's text parser.
"""

from django.db import migrations

TOKENIZER = "unicode61 categories 'L* N* Co M* P* S*' remove_diacritics 0"

SQLITE_CREATE = [
    f"""CREATE VIRTUAL TABLE search_fts USING fts5(
        title, subtitle, meta, body, head, rest, tokenize="{TOKENIZER}", detail=full)""",
    f"""CREATE VIRTUAL TABLE search_editor_fts USING fts5(text, tokenize="{TOKENIZER}", detail=full)""",
]
SQLITE_DROP = ["DROP TABLE IF EXISTS search_fts", "DROP TABLE IF EXISTS search_editor_fts"]

POSTGRES_CREATE = [
    """CREATE TABLE search_pgtext (
        page_id bigint NOT NULL,
        scope char(1) NOT NULL,
        chunk integer NOT NULL,
        grams tsvector NOT NULL,
        words tsvector NOT NULL,
        PRIMARY KEY (scope, page_id, chunk))""",
    "CREATE INDEX search_pgtext_grams ON search_pgtext USING gin (grams)",
]
POSTGRES_DROP = ["DROP TABLE IF EXISTS search_pgtext"]


def _run(statements_by_vendor):
    def run(apps, schema_editor):
        statements = statements_by_vendor.get(schema_editor.connection.vendor)
        if statements is None:
            raise RuntimeError(
                f"The embedded search engine supports SQLite and PostgreSQL, not {schema_editor.connection.vendor}."
            )
        for statement in statements:
            schema_editor.execute(statement)

    return run


class Migration(migrations.Migration):
    dependencies = [("search", "0001_initial")]

    operations = [
        migrations.RunPython(
            _run({"sqlite": SQLITE_CREATE, "postgresql": POSTGRES_CREATE}),
            _run({"sqlite": SQLITE_DROP, "postgresql": POSTGRES_DROP}),
        ),
    ]
