"""PostgreSQL: rank from a table of small tsvectors, and keep the big ones out of the heaps.

search_pgrank holds, per reader story, its headline and meta bigrams and its words (filled here
from search_pgtext, whose words column it replaces). Both tables keep their tsvectors out of
line (toast_tuple_target), so their heaps are narrow. Rows written before this migration stay
wide until rewritten: run ``manage.py rebuild_search_index`` after it (docs/deploying.md).
SQLite is unchanged.
"""

from django.db import migrations

FORWARD = [
    """CREATE TABLE search_pgrank (
        page_id bigint PRIMARY KEY,
        head tsvector NOT NULL,
        head_words tsvector NOT NULL,
        body_words tsvector NOT NULL
    ) WITH (toast_tuple_target = 128)""",
    # Weights in search_pgtext: A title, B subtitle, C meta, D body; in words: A headline, D rest.
    """INSERT INTO search_pgrank (page_id, head, head_words, body_words)
        SELECT page_id, ts_filter(grams, '{a,b,c}'), ts_filter(words, '{a}'), ts_filter(words, '{d}')
        FROM search_pgtext WHERE scope = 'r' AND chunk = 0""",
    "CREATE INDEX search_pgrank_head ON search_pgrank USING gin (head)",
    "CREATE INDEX search_pgrank_head_words ON search_pgrank USING gin (head_words)",
    "CREATE INDEX search_pgrank_body_words ON search_pgrank USING gin (body_words)",
    "ALTER TABLE search_pgtext DROP COLUMN words",
    "ALTER TABLE search_pgtext SET (toast_tuple_target = 128)",
]

BACKWARD = [
    "ALTER TABLE search_pgtext RESET (toast_tuple_target)",
    "ALTER TABLE search_pgtext ADD COLUMN words tsvector NOT NULL DEFAULT ''",
    """UPDATE search_pgtext t SET words = r.head_words || r.body_words FROM search_pgrank r
        WHERE t.scope = 'r' AND t.chunk = 0 AND t.page_id = r.page_id""",
    "ALTER TABLE search_pgtext ALTER COLUMN words DROP DEFAULT",
    "DROP TABLE search_pgrank",
]


def _run(statements):
    def run(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            for statement in statements:
                schema_editor.execute(statement)

    return run


class Migration(migrations.Migration):
    dependencies = [("search", "0004_reader_searches")]

    operations = [migrations.RunPython(_run(FORWARD), _run(BACKWARD))]
