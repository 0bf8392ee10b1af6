#!/usr/bin/env python
"""Search quality and speed: stock Wagtail, our embedded engine and our Elasticsearch engine.

    .venv/bin/python bench/search_bench.py [--corpus PATH] [--scales 1,10] [--queries 200]
        [--database-url URL]

For each scale (1: the 12,168-item corpus plus the seed edition; 10: the corpus ten times over,
each copy's dates shifted back by five years more, about 120k items) a fresh database is made
(a temporary SQLite file unless --database-url names a PostgreSQL server) and the archive is
imported with ``import_articles`` (search indexing paused), the seed edition with
``import_edition``. Then, timed one after another:

* index build: Wagtail's own database backend (``wagtail.search.backends.database``, what
  ``update_index`` builds), our embedded engine and our Elasticsearch engine (``rebuild``);
* 200 queries cut at random from corpus titles, 2–4 characters, one in four of two terms
  (fixed seed, so every run asks the same): latency of a search (count, first page of 20,
  and for our engines the facets), run once to warm up and once timed; p50 and p95;
* recall and precision of all matches against substring truth: what Ctrl-F over each story
  page (title, subtitle, text, bylines, topics; case and width folded) finds, every term.

Elasticsearch is used when ELASTICSEARCH_URL names a node (.ci/elasticsearch.sh starts one).
The load column is the machine's one-minute load average after the timed pass: on a shared
machine, latencies measured under a load above the CPU count are inflated accordingly.
Prints Markdown tables; docs/benchmarks.md keeps a run's numbers.
"""

import argparse
import json
import os
import platform
import random
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

from common import PROJECT_DIR, default_corpus, machine

SEED_EDITION = PROJECT_DIR / "demo" / "edition-2023-11-28.txt"
SHIFT_YEARS = 5


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--corpus", type=Path, default=default_corpus())
    parser.add_argument("--scales", default="1,10")
    parser.add_argument("--queries", type=int, default=200)
    parser.add_argument("--database-url", help="a postgres:// server to use instead of a temporary SQLite file")
    parser.add_argument("--child-scale", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child_scale:
        return child(args)
    if not args.corpus.is_file():
        sys.exit(f"corpus not found: {args.corpus} (set BULLETIN_CORPUS or pass --corpus)")

    print(machine_line())
    for scale in [int(s) for s in args.scales.split(",")]:
        # Each scale in its own process: a fresh database, Django set up against it.
        with tempfile.TemporaryDirectory(prefix="search-bench-") as workdir:
            env = {
                **os.environ,
                "DJANGO_SETTINGS_MODULE": "bulletin.settings.test",
                "DATABASE_URL": args.database_url or f"sqlite:///{workdir}/bench.sqlite3",
                "PAGE_CACHE_TIMEOUT": "0",
                "SEARCH_BENCH_WORKDIR": workdir,
            }
            command = [sys.executable, __file__, "--child-scale", str(scale), "--corpus", str(args.corpus)]
            command += ["--queries", str(args.queries)]
            subprocess.run(command, env=env, check=True)


def machine_line():
    import sqlite3

    return (
        f"Machine: {machine()}; Python {platform.python_version()}, "
        f"SQLite {sqlite3.sqlite_version}; {time.strftime('%Y-%m-%d')}"
    )


# --- One scale, in its own process --------------------------------------------------------


def child(args):
    import django

    django.setup()
    from django.conf import settings
    from django.core.management import call_command
    from django.db import connection

    from search import indexing

    scale = args.child_scale
    workdir = Path(os.environ["SEARCH_BENCH_WORKDIR"])
    if connection.vendor == "postgresql":
        reset_postgres_schema(connection)
    call_command("migrate", verbosity=0)

    archive = workdir / "archive.jsonl"
    items = write_archive(args.corpus, archive, scale)
    started = time.perf_counter()
    with indexing.paused(), open(os.devnull, "w") as quiet:
        call_command("import_articles", str(archive), verbosity=0, stdout=quiet, stderr=quiet)
        call_command(
            "import_edition",
            str(SEED_EDITION),
            "--date",
            "2023-11-28",
            "--publish",
            verbosity=0,
            stdout=quiet,
            stderr=quiet,
        )
    import_seconds = time.perf_counter() - started

    from bulletin.stories.models import StoryPage

    stories = StoryPage.objects.for_readers().count()
    database = "PostgreSQL" if connection.vendor == "postgresql" else "SQLite"
    print(
        f"\n### Scale {scale}: {stories:,} stories ({items:,} archive items + the seed edition), {database}\n\n"
        f"Imported in {import_seconds:.0f} s with search indexing paused; the indexes are built below.\n"
    )

    queries = make_queries(args.corpus, args.queries)
    truth = substring_truth(queries)
    engines = [StockWagtail(), Ours("embedded")]
    if settings_elasticsearch_url():
        settings.ELASTICSEARCH_URL = settings_elasticsearch_url()
        settings.SEARCH_ELASTICSEARCH_INDEX = f"bench-search-{scale}-{os.getpid()}"
        engines.append(Ours("elasticsearch"))

    print("| engine | index build | p50 | p95 | recall | precision | queries short of full recall | load |")
    print("|---|---:|---:|---:|---:|---:|---:|---:|")
    for engine in engines:
        build_seconds = engine.build()
        found = [engine.ids(q) for q in queries]
        for q in queries:  # warm up: caches, jieba, the node's field data
            engine.timed_search(q)
        latencies = sorted(engine.timed_search(q) for q in queries)
        recall, precision, short = quality(found, truth)
        print(
            f"| {engine.label} | {build_seconds:.1f} s | {percentile(latencies, 50):.1f} ms "
            f"| {percentile(latencies, 95):.1f} ms | {recall:.1%} | {precision:.1%} | {short} "
            f"| {os.getloadavg()[0]:.1f} |"
        )
        engine.close()
    sys.stdout.flush()


def settings_elasticsearch_url():
    url = os.environ.get("ELASTICSEARCH_URL", "")
    if not url:
        return ""
    from elasticsearch import Elasticsearch

    try:
        Elasticsearch(url, request_timeout=5).cluster.health()
    except Exception as error:
        print(f"(Elasticsearch at {url} does not answer: {error}; its row is left out)")
        return ""
    return url


def reset_postgres_schema(connection):
    with connection.cursor() as cursor:
        cursor.execute("DROP SCHEMA public CASCADE; CREATE SCHEMA public")


def write_archive(corpus, path, scale):
    """The corpus ``scale`` times; copy k has its dates shifted back k × 5 years."""
    lines = [json.loads(line) for line in corpus.open(encoding="utf-8") if line.strip()]
    with path.open("w", encoding="utf-8") as out:
        for copy in range(scale):
            for item in lines:
                day = date.fromisoformat(item["date"])
                try:
                    shifted = day.replace(year=day.year - SHIFT_YEARS * copy)
                except ValueError:  # 29 February in a year that has none
                    shifted = day.replace(year=day.year - SHIFT_YEARS * copy, day=28)
                out.write(json.dumps({**item, "date": shifted.isoformat()}, ensure_ascii=False) + "\n")
    return len(lines) * scale


def make_queries(corpus, count):
    """Fragments of real headlines: 2–4 characters, every fourth query two of them."""
    from search import text

    titles = [json.loads(line)["title"] for line in corpus.open(encoding="utf-8") if line.strip()]
    rng = random.Random(20231128)

    def fragment():
        while True:
            title = rng.choice(titles)
            length = rng.randint(2, 4)
            if len(title) < length:
                continue
            start = rng.randint(0, len(title) - length)
            piece = title[start : start + length]
            if len(text.normalize(piece).split()) == 1 and piece.strip() == piece:
                return piece

    return [f"{fragment()} {fragment()}" if n % 4 == 3 else fragment() for n in range(count)]


def substring_truth(queries):
    """For each query, the ids of the stories whose page text contains every term."""
    from bulletin.stories.models import StoryPage
    from search import text

    pages = (
        StoryPage.objects.for_readers()
        .specific()
        .prefetch_related("bylines__person", "topic_items__tag", for_specific_subqueries=True)
    )
    documents = []
    for page in pages.iterator(chunk_size=2000):
        parts = [page.title, getattr(page, "subtitle", ""), page.plain_text()]
        parts += [b.person.name for b in page.bylines.all()] + [i.tag.name for i in page.topic_items.all()]
        documents.append((page.pk, text.normalize("\n".join(parts))))
    truth = []
    for query in queries:
        terms = [" ".join(text.normalize(t).split()) for t in query.split()]
        truth.append({pk for pk, body in documents if all(term in body for term in terms)})
    return truth


def quality(found, truth):
    hits = sum(len(set(f) & t) for f, t in zip(found, truth))
    relevant = sum(len(t) for t in truth)
    retrieved = sum(len(set(f)) for f in found)
    short = sum(1 for f, t in zip(found, truth) if not t <= set(f))
    return (hits / relevant if relevant else 1.0), (hits / retrieved if retrieved else 1.0), short


def percentile(values, p):
    if len(values) == 1:
        return values[0]
    return statistics.quantiles(values, n=100, method="inclusive")[p - 1]


class StockWagtail:
    """Wagtail's own database search backend over the story pages, as shipped."""

    name = "stock"
    label = "stock Wagtail 8 database backend"

    def __init__(self):
        from modelsearch.backends.database import SearchBackend

        self.backend = SearchBackend({})

    def build(self):
        from django.apps import apps

        from bulletin.stories.models import StoryPage

        started = time.perf_counter()
        for model in [m for m in apps.get_models() if issubclass(m, StoryPage) and m is not StoryPage]:
            index = self.backend.get_index_for_model(model)
            objects = list(model.get_indexed_objects().order_by("pk"))
            for start in range(0, len(objects), 1000):
                index.add_items(model, objects[start : start + 1000])
        return time.perf_counter() - started

    def _results(self, query):
        from bulletin.stories.models import StoryPage

        return self.backend.search(query, StoryPage.objects.live(), operator="and")

    def ids(self, query):
        return [page.pk for page in self._results(query)]

    def timed_search(self, query):
        started = time.perf_counter()
        results = self._results(query)
        results.count()
        list(results[:20])
        return (time.perf_counter() - started) * 1000

    def close(self):
        pass


class Ours:
    def __init__(self, name):
        from search import engines

        self.name = name
        self.label = {"embedded": "our embedded engine", "elasticsearch": "our Elasticsearch engine"}[name]
        self.engine = engines.embedded_engine() if name == "embedded" else engines.elasticsearch_engine()

    def build(self):
        from search import indexing

        started = time.perf_counter()
        indexing.rebuild([self.engine])
        return time.perf_counter() - started

    def _request(self, query):
        from search import text
        from search.engines import SearchRequest

        return SearchRequest(terms=tuple(text.parse_query(query)), limit=20)

    def ids(self, query):
        return self.engine.matching_ids(self._request(query).terms)

    def timed_search(self, query):
        request = self._request(query)
        started = time.perf_counter()
        self.engine.search(request)
        return (time.perf_counter() - started) * 1000

    def close(self):
        if self.name == "elasticsearch":
            self.engine.delete_index()


if __name__ == "__main__":
    main()
