#!/usr/bin/env python
"""How fast the contribution statistics (稿件统计) count the archive.

    BULLETIN_CORPUS=/path/to/corpus .venv/bin/python bench/contributions.py [--corpus PATH]

Imports the corpus with ``import_articles`` into a fresh temporary SQLite database (and a fresh
PostgreSQL database on the server named by DATABASE_URL, if it is a postgres:// URL). The archive
has no bylines, so each story is then credited to one to three of 80 made-up people in 12 units,
in a fixed pattern. Then times ``contribution_rows`` (what the admin report and the command run)
over the archive's last month, its last year and all of it: first with no story counted yet
(every body in the range is read and its 字数 stored), then again for each grouping (the stored
numbers are read). Prints a Markdown table with the queries each took.
"""

import argparse
import datetime
import json
import os
import subprocess
import sys
import time
from pathlib import Path

from common import PROJECT_DIR, default_corpus, machine
from import_archive import SETTINGS, databases

PEOPLE, UNITS = 80, 12


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--corpus", type=Path, default=default_corpus())
    parser.add_argument("--database-url", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.database_url:
        return child(args)
    if not args.corpus.is_file():
        sys.exit(f"corpus not found: {args.corpus} (set BULLETIN_CORPUS or pass --corpus)")

    print(f"Contribution statistics over {args.corpus.name} ({time.strftime('%Y-%m-%d')}; {machine()})\n")
    print("| database | range | stories in range | by | 字数 | rows | queries | seconds |")
    print("|---|---|---:|---|---|---:|---:|---:|")
    for name, temporary_database in databases().items():
        with temporary_database() as url:
            output = subprocess.run(
                [sys.executable, __file__, "--corpus", str(args.corpus), "--database-url", url],
                cwd=PROJECT_DIR,
                stdout=subprocess.PIPE,
                check=True,
            ).stdout
        for result in json.loads(output):
            print(
                f"| {name} | {result['range']} | {result['stories']:,} | {result['by']} | {result['state']} | {result['rows']} "
                f"| {result['queries']} | {result['seconds']:.2f} |",
                flush=True,
            )


def child(args):
    os.environ["DJANGO_SETTINGS_MODULE"] = SETTINGS
    os.environ["DATABASE_URL"] = args.database_url
    sys.path.insert(0, str(PROJECT_DIR))
    import django

    django.setup()
    from io import StringIO

    from django.core.management import call_command
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from bulletin.contributions.counting import Grouping, contribution_rows
    from bulletin.contributions.models import StoryCharacters
    from bulletin.stories.models import StoryPage

    call_command("migrate", verbosity=0)
    call_command("import_articles", str(args.corpus), stdout=StringIO(), stderr=StringIO())
    credit_made_up_people()

    last = StoryPage.objects.for_readers().latest("date").date
    ranges = {
        "last month": (last - datetime.timedelta(days=30), last),
        "last year": (last - datetime.timedelta(days=365), last),
        "all": (None, None),
    }
    results = []
    for label, (start, end) in ranges.items():
        in_range = StoryPage.objects.for_readers()
        if start:
            in_range = in_range.filter(date__gte=start, date__lte=end)
        StoryCharacters.objects.all().delete()
        runs = [(Grouping.PERSON, "counted now")] + [(by, "stored") for by in Grouping.values]
        for by, state in runs:
            with CaptureQueriesContext(connection) as queries:
                started = time.perf_counter()
                rows = contribution_rows(start, end, by)
                seconds = time.perf_counter() - started
            results.append(
                {
                    "range": label,
                    "stories": in_range.count(),
                    "by": by,
                    "state": state,
                    "rows": len(rows),
                    "queries": len(queries),
                    "seconds": seconds,
                }
            )
    print(json.dumps(results))


def credit_made_up_people():
    """One to three bylines per story, from a fixed pattern, so every run counts the same."""
    from bulletin.people.models import Person, Role
    from bulletin.stories.models import Byline, StoryPage

    units = [f"单位{number}" for number in range(UNITS - 1)] + [""]
    people = Person.objects.bulk_create(
        Person(name=f"作者{number}", slug=f"bench-{number}", unit=units[number % UNITS]) for number in range(PEOPLE)
    )
    roles = Role.values
    bylines = []
    for index, story_id in enumerate(StoryPage.objects.order_by("pk").values_list("pk", flat=True)):
        for order in range(1 + index % 3):
            person = people[(index * 7 + order * 13) % PEOPLE]
            bylines.append(
                Byline(story_id=story_id, person=person, role=roles[(index + order) % len(roles)], sort_order=order)
            )
    Byline.objects.bulk_create(bylines, batch_size=2000)


if __name__ == "__main__":
    main()
