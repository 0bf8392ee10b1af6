"""PostgreSQL: each reader row of search_pgtext carries its story's filter and facet columns.

A search then counts, filters and facets the rows its GIN index found, without looking each
one up in search_searchdocument (for a fragment in a third of the archive, one index probe per
match was a third of the search). Filled here from search_searchdocument: no rebuild needed.
Editors' rows leave them empty. SQLite is unchanged.
Not atomic (VACUUM cannot run in a transaction), so each step may simply be run again.
"""

from django.db import migrations

COLUMNS = (
    ("kind", "varchar(10)"),
    ("date", "date"),
    ("year", "smallint"),
    ("month", "smallint"),
    ("edition", "integer"),
    ("expire_at", "timestamp with time zone"),
    ("topics", "jsonb"),
    ("people", "jsonb"),
)

FORWARD = [
    "ALTER TABLE search_pgtext " + ", ".join(f"ADD COLUMN IF NOT EXISTS {name} {kind}" for name, kind in COLUMNS),
    "UPDATE search_pgtext t SET "
    + ", ".join(f"{name} = d.{name}" for name, _ in COLUMNS)
    + " FROM search_searchdocument d WHERE t.scope = 'r' AND t.page_id = d.page_id",
    # Every reader row was rewritten: the old versions' space goes back to the table, and the
    # planner sees the new columns.
    "VACUUM ANALYZE search_pgtext",
]

BACKWARD = ["ALTER TABLE search_pgtext " + ", ".join(f"DROP COLUMN IF EXISTS {name}" for name, _ in COLUMNS)]


def _run(statements):
    def run(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            for statement in statements:
                schema_editor.execute(statement)

    return run


class Migration(migrations.Migration):
    atomic = False  # VACUUM cannot run in a transaction

    dependencies = [("search", "0006_facet_lists_on_documents")]

    operations = [migrations.RunPython(_run(FORWARD), _run(BACKWARD))]
