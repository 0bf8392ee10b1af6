from django.db import migrations

# The page cache never keeps a page past the moment the next live page expires
# (pagecache._next_expiry, once per generation: after every publish). Wagtail's page table has no
# index on expire_at, so that read scanned every page of the archive. Partial: only the few pages
# with an expiry are in it. Wagtail's models cannot declare it, hence SQL that both databases
# take as written. (On SQLite, a later Wagtail migration that rebuilds the page table would drop
# it; the read stays right, only slower.)
INDEX = "page_expiry_soonest"


class Migration(migrations.Migration):
    dependencies = [("wagtailcore", "0098_apitoken")]

    operations = [
        migrations.RunSQL(
            f"CREATE INDEX {INDEX} ON wagtailcore_page (expire_at) WHERE expire_at IS NOT NULL",
            f"DROP INDEX {INDEX}",
        ),
    ]
