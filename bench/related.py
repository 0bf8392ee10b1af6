#!/usr/bin/env python
"""What related stories cost: on import, on publish, and to recompute them all.

    .venv/bin/python bench/related.py [--corpus PATH] [--items N]

In a fresh temporary SQLite database: imports the corpus (the first --items of it) with
``import_articles``, which ranks related stories for the whole import at its end, and reports
that import's time; then times the parts of that ranking on the imported archive (the words of
every story with jieba, loading the pool, ranking every story, storing the lists), the ranking of
one story as a publish does it (queries and milliseconds, averaged over 50 stories), and
``recompute_related``. Prints a Markdown table.
"""

import argparse
import os
import subprocess
import sys
import tempfile
import time
from itertools import groupby
from pathlib import Path

from common import PROJECT_DIR, default_corpus, machine


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--corpus", type=Path, default=default_corpus())
    parser.add_argument("--items", type=int, default=0, help="import only the first N items (default: all)")
    args = parser.parse_args()
    if not args.corpus.is_file():
        sys.exit(f"corpus not found: {args.corpus} (set BULLETIN_CORPUS or pass --corpus)")
    with tempfile.TemporaryDirectory(prefix="bench-related-") as directory:
        corpus = args.corpus
        if args.items:
            corpus = Path(directory) / "items.jsonl"
            with args.corpus.open("rb") as source:
                corpus.write_bytes(b"".join(line for __, line in zip(range(args.items), source)))
        os.environ.update(
            DJANGO_SETTINGS_MODULE="bulletin.settings.test", DATABASE_URL=f"sqlite:///{directory}/bench.sqlite3"
        )
        manage = [sys.executable, "manage.py"]
        subprocess.run([*manage, "migrate", "-v0"], cwd=PROJECT_DIR, check=True)
        started = time.perf_counter()
        subprocess.run(
            [*manage, "import_articles", str(corpus)], cwd=PROJECT_DIR, check=True, stderr=subprocess.DEVNULL
        )
        imported = time.perf_counter() - started
        measure(imported)


def measure(imported):
    sys.path.insert(0, str(PROJECT_DIR))
    import django

    django.setup()
    from django.db import connection, transaction
    from django.test.utils import CaptureQueriesContext

    from bulletin.related import ranking, updating
    from bulletin.related.models import RelatedStory
    from bulletin.stories.visibility import reader_stories

    stories = list(reader_stories().specific().order_by("pk"))
    count = len(stories)
    rows = []

    def timed(what, function):
        started = time.perf_counter()
        result = function()
        rows.append((what, time.perf_counter() - started))
        return result

    rows.append((f"import_articles of {count:,} items, related stories included", imported))
    with transaction.atomic():
        words = timed(
            "words of every story (jieba, local dictionary)", lambda: {s.pk: updating.words_of(s) for s in stories}
        )
        timed("store the words", lambda: updating.save_words(words))
        timed("rank every story and store the lists, a batch at a time", lambda: updating.rank_all(list(words)))
        stored = RelatedStory.objects.order_by("story", "rank").values_list(
            "story_id", "related_id", "shared_topics", "shared_words", "related__date"
        )
        ranked = {
            pk: [ranking.Related(*row[1:]) for row in rows] for pk, rows in groupby(stored, key=lambda row: row[0])
        }
        sample = [story.pk for story in stories[:: max(1, count // 50)]][:50]
        with CaptureQueriesContext(connection) as queries:
            one = timed(
                "rank 50 stories one by one, as a publish does", lambda: [updating.rank_one(pk) for pk in sample]
            )
        agree = sum(1 for pk, result in zip(sample, one) if result[1] == ranked.get(pk, []))
        transaction.set_rollback(True)
    started = time.perf_counter()
    subprocess.run(
        [sys.executable, "manage.py", "recompute_related"], cwd=PROJECT_DIR, check=True, stdout=subprocess.DEVNULL
    )
    rows.append(("manage.py recompute_related (a process of its own)", time.perf_counter() - started))

    print(f"Related stories, {count:,} stories, SQLite ({time.strftime('%Y-%m-%d')}; {machine()})\n")
    print("| step | seconds |")
    print("|---|---:|")
    for what, seconds in rows:
        print(f"| {what} | {seconds:.2f} |")
    per_story = rows[-2][1] / len(sample) * 1000
    print(
        f"\nOne story ranked as on publish: {per_story:.0f} ms and {len(queries) / len(sample):.0f} queries on average "
        f"(then its list is stored, and it joins the lists of the up to ten stories it lists: three queries more)."
    )
    print(f"The one-story path agrees with the whole-archive path on {agree} of {len(sample)} stories.")
    print(f"Stored: {RelatedStory.objects.count():,} related-story rows.")


if __name__ == "__main__":
    main()
