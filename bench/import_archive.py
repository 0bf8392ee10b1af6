#!/usr/bin/env python
"""How fast the archive imports: import_articles against Wagtail's own per-item path.

    .venv/bin/python bench/import_archive.py [--corpus PATH] [--items N] [--baseline-items 300] [--compare DIR]

Imports the whole corpus with ``import_articles`` into a fresh temporary SQLite database (and a
fresh temporary PostgreSQL database on the server named by DATABASE_URL, if it is a postgres://
URL), or only its first --items items (run it at two sizes to see whether peak RSS grows with
the archive), then imports it again (nothing new: the idempotency check). The baseline, measured in the
same run, adds the first --baseline-items items the naive way, one transaction per item:
``add_child`` + ``save_revision`` + ``publish``, extrapolated to the corpus size (0 skips it).
With --compare, the import_articles of another checkout of the project (the code before a
change, e.g. ``git worktree add /tmp/before main``) is measured too, alternating with this one's
on each database, so that both see the same machine.

Every measurement runs in its own process, so that its peak RSS is its own; the load column is
the machine's one-minute load average when it started (other work on a shared machine slows
it). Prints a Markdown table; docs/benchmarks.md keeps the numbers of a run.
"""

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from common import PROJECT_DIR, default_corpus

# DEBUG off as in production (DEBUG keeps every query in memory), without production's
# required environment.
SETTINGS = "bulletin.settings.test"


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--corpus", type=Path, default=default_corpus())
    parser.add_argument("--items", type=int, default=0, help="import only the first N items (default: all)")
    parser.add_argument("--baseline-items", type=int, default=300)
    parser.add_argument("--compare", type=Path, help="another checkout of the project, measured side by side")
    parser.add_argument("--project", type=Path, default=PROJECT_DIR, help=argparse.SUPPRESS)
    parser.add_argument("--child", choices=["bulk", "wagtail"], help=argparse.SUPPRESS)
    parser.add_argument("--database-url", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        return child(args)
    if not args.corpus.is_file():
        sys.exit(f"corpus not found: {args.corpus} (set BULLETIN_CORPUS or pass --corpus)")
    with tempfile.TemporaryDirectory(prefix="bench-import-items-") as directory:
        if args.items:
            part = Path(directory) / f"first-{args.items}.jsonl"
            with args.corpus.open("rb") as source:
                part.write_bytes(b"".join(line for __, line in zip(range(args.items), source)))
            args.corpus = part
        measure_all(args)


def measure_all(args):
    total = sum(1 for line in args.corpus.open("rb") if line.strip())
    print(
        f"Archive import of {total:,} items from {args.corpus.name} ({time.strftime('%Y-%m-%d')}, {os.cpu_count()} CPUs)\n"
    )
    print("| database | path | items | seconds | items/s | peak RSS | load |")
    print("|---|---|---:|---:|---:|---:|---:|")
    checkouts = {"": PROJECT_DIR}
    if args.compare:
        checkouts = {" (--compare checkout)": args.compare.resolve(), " (this checkout)": PROJECT_DIR}
    for name, temporary_database in databases().items():
        for label, project in checkouts.items():
            with temporary_database() as url:
                bulk = measure("bulk", url, args, project)
            again = bulk.pop("again")
            row(name, f"import_articles{label} (bulk, batches of 500)", bulk)
            row(name, f"import_articles{label} again (all already imported)", {**again, "rss": bulk["rss"]})
        if args.baseline_items <= 0:
            continue
        with temporary_database() as url:
            wagtail = measure("wagtail", url, args, PROJECT_DIR)
        rate = wagtail["items"] / wagtail["seconds"]
        row(name, f"Wagtail add_child + save_revision + publish, first {wagtail['items']}", wagtail)
        row(name, "the same, extrapolated to the corpus", {"items": total, "seconds": total / rate})
        print(f"| {name} | speed-up of import_articles | | | {bulk['items'] / bulk['seconds'] / rate:.1f}× | | |")


def row(database, path, result):
    rss = f"{result['rss'] / 1024:.0f} MB" if result.get("rss") else ""
    rate = result["items"] / result["seconds"]
    load = f"{result['load']:.1f}" if "load" in result else ""
    print(
        f"| {database} | {path} | {result['items']:,} | {result['seconds']:.1f} | {rate:,.0f} | {rss} | {load} |",
        flush=True,
    )


def measure(kind, database_url, args, project):
    """Run one measurement in a child process, with the code of ``project``; its result, with the
    child's peak RSS in KiB and the load average when it started."""
    command = [sys.executable, __file__, "--child", kind, "--database-url", database_url, "--project", str(project)]
    command += ["--corpus", str(args.corpus), "--baseline-items", str(args.baseline_items)]
    load = os.getloadavg()[0]
    process = subprocess.Popen(command, stdout=subprocess.PIPE, cwd=project)
    output = process.stdout.read()
    __, status, usage = os.wait4(process.pid, 0)
    if os.waitstatus_to_exitcode(status) != 0:
        sys.exit(f"the {kind} measurement failed")
    return {**json.loads(output), "rss": usage.ru_maxrss, "load": load}


def databases():
    found = {"SQLite": temporary_sqlite}
    if os.environ.get("DATABASE_URL", "").startswith(("postgres://", "postgresql://")):
        found["PostgreSQL"] = temporary_postgres
    return found


class temporary_sqlite:
    def __enter__(self):
        self.directory = tempfile.TemporaryDirectory(prefix="bench-import-")
        return f"sqlite:///{self.directory.name}/bench.sqlite3"

    def __exit__(self, *exc):
        self.directory.cleanup()


class temporary_postgres:
    """A new database on the DATABASE_URL server, dropped afterwards."""

    def __enter__(self):
        import dj_database_url
        import psycopg

        self.server = dj_database_url.parse(os.environ["DATABASE_URL"])
        self.name = f"bench_import_{os.getpid()}_{time.monotonic_ns()}"
        self.connect = lambda: psycopg.connect(
            dbname="postgres",
            user=self.server["USER"],
            password=self.server["PASSWORD"],
            host=self.server["HOST"],
            port=self.server["PORT"] or None,
            autocommit=True,
        )
        with self.connect() as connection:
            connection.execute(f'CREATE DATABASE "{self.name}"')
        credentials = self.server["USER"] + (f":{self.server['PASSWORD']}" if self.server["PASSWORD"] else "")
        return f"postgres://{credentials}@{self.server['HOST']}:{self.server['PORT'] or 5432}/{self.name}"

    def __exit__(self, *exc):
        with self.connect() as connection:
            connection.execute(f'DROP DATABASE IF EXISTS "{self.name}"')


def child(args):
    """In the child process: set up Django on the given database and time one path."""
    os.environ["DJANGO_SETTINGS_MODULE"] = SETTINGS
    os.environ["DATABASE_URL"] = args.database_url
    sys.path.insert(0, str(args.project))
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    if args.child == "bulk":
        result = time_bulk(args.corpus, call_command)
    else:
        result = time_wagtail(args.corpus, args.baseline_items)
    print(json.dumps(result))


def time_bulk(corpus, call_command):
    from io import StringIO

    from bulletin.stories.models import StoryPage

    quiet = {"stdout": StringIO(), "stderr": StringIO()}
    started = time.perf_counter()
    call_command("import_articles", str(corpus), **quiet)
    seconds = time.perf_counter() - started
    items = StoryPage.objects.count()
    started = time.perf_counter()
    call_command("import_articles", str(corpus), **quiet)
    again = time.perf_counter() - started
    assert StoryPage.objects.count() == items, "the second import added stories"
    return {"items": items, "seconds": seconds, "again": {"items": items, "seconds": again}}


def time_wagtail(corpus, count):
    """The path an editor's publish takes, once per item, as a naive importer would."""
    from itertools import islice

    from django.db import transaction

    from bulletin.importing.archive import archive_page
    from bulletin.importing.archive_reader import read_archive
    from bulletin.importing.models import CategoryKindRule
    from bulletin.importing.pages import People, Slugs, Topics, add_with_wagtail
    from bulletin.stories.models import StoryIndexPage

    with corpus.open("rb") as lines:
        items = list(islice(read_archive(lines), count))
    index = StoryIndexPage.objects.get()
    people, topics, slugs = People(warn=lambda message: None), Topics(), Slugs(index)
    kind_for = CategoryKindRule.kinds()
    started = time.perf_counter()
    for item in items:
        with transaction.atomic():
            page = archive_page(item, kind_for, people, topics, publish=True)
            page.slug = slugs.allocate(page.title)
            add_with_wagtail(index, page, publish=True)
    return {"items": len(items), "seconds": time.perf_counter() - started}


if __name__ == "__main__":
    main()
