#!/usr/bin/env python
"""Reader search through HTTP on the production server: SQLite, PostgreSQL and Elasticsearch.

    .venv/bin/python bench/search_bench.py [--corpus PATH] [--scales 1,10]
        [--databases sqlite,postgresql] [--queries 120] [--postgres-url URL]
        [--elasticsearch-url URL] [--elasticsearch-database postgresql]

Side by side, at each scale (1: the 12,168-item corpus plus the seed edition; 10: the corpus ten
times over, each copy's dates shifted back by five years more, about 120k stories):

* SQLite + our embedded engine, PostgreSQL + our embedded engine, and our Elasticsearch engine
  (serving from the database --elasticsearch-database names; PostgreSQL by default, as a
  newsroom deploys it);
* each answering ``GET /api/search/?q=…`` (count, first 20 results, all six facets) on the
  production server, tools/serve.sh (production settings, ONE gunicorn worker, page cache off,
  no publish loop), started as bench/load.py starts it; the reader search log's write
  (search.querylog) is part of each request, as in production;
* beside it, the same search in-process (search.service.search: engine, result URLs, facet
  labels; no HTTP, view, JSON or search log), so that the HTTP overhead is visible.

Each database is made once (a temporary SQLite file, a temporary database on the PostgreSQL
server) and filled with the corpus (import_articles, search indexing paused) and the seed
edition; scale 10 adds the nine shifted copies to it. Each index is built once per scale (the
embedded one on each database, Elasticsearch once), timed. The queries are cut at random from
corpus titles with a fixed seed (2–4 characters, every fourth of two terms); each is asked once
through HTTP to warm up, then timed through HTTP, then timed in-process: p50 and p95 of each.
Recall and precision count all matches (the engine's matching_ids) against substring truth:
what Ctrl-F over each story page (title, subtitle, text, bylines, topics; case and width
folded) finds, every term. "count ≠ truth" counts queries whose HTTP count is not the number of
stories the truth finds. The load column is the one-minute load average after the row's timed
passes: on a shared machine, latencies measured above a load of the core count are inflated.

Prints Markdown tables and the issue's targets (met / NOT met); docs/benchmarks.md keeps a run.
"""

import argparse
import contextlib
import gc
import http.client
import json
import math
import os
import platform
import random
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.parse
from datetime import date
from pathlib import Path

from common import PROJECT_DIR, default_corpus, machine
from import_archive import temporary_postgres, temporary_sqlite
from load import BENCH_DIR, HEADERS, SEED_EDITION, Server, production_env

SHIFT_YEARS = 5
DATABASES = {"sqlite": "SQLite", "postgresql": "PostgreSQL"}
# p95 through HTTP, in ms, from issue 13: (row, scale) -> target.
TARGETS = {
    ("SQLite", 1): 12,
    ("SQLite", 10): 40,
    ("PostgreSQL", 1): 15,
    ("PostgreSQL", 10): 40,
    ("Elasticsearch", 1): 15,
    ("Elasticsearch", 10): 15,
}


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--corpus", type=Path, default=default_corpus())
    parser.add_argument("--scales", default="1,10", help="comma-separated: 1 (12k), 10 (120k)")
    parser.add_argument("--databases", default="sqlite,postgresql", help="comma-separated: sqlite, postgresql")
    parser.add_argument("--queries", type=int, default=120)
    parser.add_argument(
        "--postgres-url", help="a PostgreSQL server to make the temporary database on (default: tools/postgres.sh's)"
    )
    parser.add_argument("--elasticsearch-url", default=os.environ.get("ELASTICSEARCH_URL", ""))
    parser.add_argument(
        "--keep-postgres-database",
        metavar="URL",
        help="a PostgreSQL database to use and keep instead of a temporary one: made and imported "
        "on first use; a later run that finds the scale's stories there measures without importing",
    )
    parser.add_argument(
        "--elasticsearch-database", help="the database the Elasticsearch row serves from (default: postgresql)"
    )
    parser.add_argument("--child", help=argparse.SUPPRESS)
    parser.add_argument("--results", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    args.scales = sorted(int(s) for s in args.scales.split(","))
    args.databases = [d.strip() for d in args.databases.split(",")]
    if unknown := set(args.databases) - set(DATABASES):
        parser.error(f"unknown database {', '.join(unknown)}: sqlite, postgresql")
    if args.child:
        return child(args)
    if not args.corpus.is_file():
        sys.exit(f"corpus not found: {args.corpus} (set BULLETIN_CORPUS or pass --corpus)")
    if args.elasticsearch_url and not node_answers(args.elasticsearch_url):
        print(f"(no Elasticsearch node answers at {args.elasticsearch_url}: its row is left out)")
        args.elasticsearch_url = ""
    es_database = args.elasticsearch_database or ("postgresql" if "postgresql" in args.databases else "sqlite")
    if args.elasticsearch_url and es_database not in args.databases:
        parser.error(f"--elasticsearch-database {es_database} is not among --databases")

    BENCH_DIR.mkdir(parents=True, exist_ok=True)  # the servers' logs and static files
    started = time.perf_counter()
    print(machine_line(args))
    rows = []
    for database in args.databases:
        # Each database in its own process: Django set up against it, the server beside it.
        with temporary_database(database, args) as url, tempfile.TemporaryDirectory(prefix="search-bench-") as work:
            results = Path(work) / "results.json"
            command = [sys.executable, __file__, "--child", database, "--corpus", str(args.corpus)]
            command += ["--scales", ",".join(map(str, args.scales)), "--queries", str(args.queries)]
            command += ["--results", str(results)]
            if args.elasticsearch_url and database == es_database:
                command += ["--elasticsearch-url", args.elasticsearch_url]
            env = {**bench_env(url), "SEARCH_BENCH_WORKDIR": work}
            subprocess.run(command, env=env, check=True)
            rows += json.loads(results.read_text())
    print(report(rows, args))
    print(f"\nWhole run: {time.perf_counter() - started:.0f} s.")


def machine_line(args):
    import sqlite3

    return (
        f"Machine: {machine()}; Python {platform.python_version()}, SQLite {sqlite3.sqlite_version}; "
        f"{args.queries} queries; {time.strftime('%Y-%m-%d %H:%M')}; "
        f"load average at the start {', '.join(f'{n:.1f}' for n in os.getloadavg())}"
    )


def node_answers(url):
    from elasticsearch import Elasticsearch

    try:
        return Elasticsearch(url, request_timeout=5, max_retries=0).cluster.health()["status"] in ("green", "yellow")
    except Exception:
        return False


def temporary_database(database, args):
    if database == "sqlite":
        return temporary_sqlite()
    if args.keep_postgres_database:
        return kept_postgres(args.keep_postgres_database)
    server = (
        args.postgres_url
        or subprocess.run([str(PROJECT_DIR / "tools" / "postgres.sh")], capture_output=True, text=True, check=True)
        .stdout.strip()
        .splitlines()[-1]
    )
    os.environ["DATABASE_URL"] = server  # where temporary_postgres makes its database
    return temporary_postgres()


@contextlib.contextmanager
def kept_postgres(url):
    """The database at ``url``, made if missing and never dropped (see --keep-postgres-database)."""
    import dj_database_url
    import psycopg

    server = dj_database_url.parse(url)
    connect = {"user": server["USER"], "password": server["PASSWORD"], "host": server["HOST"], "port": server["PORT"]}
    with psycopg.connect(dbname="postgres", autocommit=True, **connect) as connection:
        if not connection.execute("SELECT 1 FROM pg_database WHERE datname = %s", [server["NAME"]]).fetchone():
            connection.execute(f'CREATE DATABASE "{server["NAME"]}"')
    yield url


def bench_env(database_url):
    """Production settings as tools/serve.sh runs them, for the server and the in-process side
    alike: one gunicorn worker, no page cache, no publish loop, no Elasticsearch unless a row
    asks for it."""
    return {
        **production_env(database_url),
        "WEB_CONCURRENCY": "1",
        "PAGE_CACHE_TIMEOUT": "0",
        "PUBLISH_LOOP": "false",
    }


# --- One database, in its own process -------------------------------------------------------


def child(args):
    sys.path.insert(0, str(PROJECT_DIR))
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection

    from bulletin.stories.models import StoryPage
    from search import engines, indexing

    database = DATABASES[args.child]
    workdir = Path(os.environ["SEARCH_BENCH_WORKDIR"])
    call_command("migrate", verbosity=0)
    queries = make_queries(args.corpus, args.queries)
    es_index = f"bench-search-{os.getpid()}"
    rows = []
    copies = 0
    import_seconds = 0.0
    try:
        for scale in args.scales:
            # The copies this scale adds to what the smaller one imported.
            archive = workdir / "archive.jsonl"
            items = write_archive(args.corpus, archive, range(copies, scale))
            started = time.perf_counter()
            # A kept database (--keep-postgres-database) may hold this scale's stories already.
            imported = StoryPage.objects.count() >= items // (scale - copies) * scale
            with indexing.paused(), open(os.devnull, "w") as quiet:
                if not imported:
                    call_command("import_articles", str(archive), verbosity=0, stdout=quiet, stderr=quiet)
                if copies == 0 and not imported:
                    call_command(
                        "import_edition", str(SEED_EDITION), "--date", "2023-11-28", "--publish",
                        verbosity=0, stdout=quiet, stderr=quiet,
                    )  # fmt: skip
            import_seconds += time.perf_counter() - started
            copies = scale
            connection.close()
            stories = StoryPage.objects.for_readers().count()
            print(f"search_bench: {database}, scale {scale}: {stories:,} stories ({items:,} items added)", flush=True)
            truth = substring_truth(queries)

            measured = [("embedded", engines.embedded_engine())]
            if args.elasticsearch_url:
                measured.append(("elasticsearch", engines.elasticsearch_engine(args.elasticsearch_url, es_index)))
            for name, engine in measured:
                row = {"scale": scale, "stories": stories, "database": database, "engine": name}
                row["import"] = import_seconds
                started = time.perf_counter()
                indexing.rebuild([engine])
                row["build"] = time.perf_counter() - started
                found = [engine.matching_ids(parse(q).terms) for q in queries]
                row["recall"], row["precision"], row["short"] = quality(found, truth)
                for query, ids, true in zip(queries, found, truth):
                    if set(ids) != true:
                        print(
                            f"search_bench: {name} on {query!r}: {len(set(ids) - true)} beyond the truth "
                            f"(e.g. {sorted(set(ids) - true)[:3]}), {len(true - set(ids))} missed "
                            f"(e.g. {sorted(true - set(ids))[:3]})",
                            flush=True,
                        )
                row.update(measure(name, queries, truth, args, es_index))
                rows.append(row)
                print(f"search_bench: {json.dumps(row)}", flush=True)
    finally:
        if args.elasticsearch_url:
            engines.elasticsearch_engine(args.elasticsearch_url, es_index).delete_index()
    args.results.write_text(json.dumps(rows))


def parse(query):
    """The request the reader search makes of the engine (service.search does the same)."""
    from search import service
    from search.engines import SearchRequest

    return SearchRequest(terms=tuple(service.parse(query)))


def measure(name, queries, truth, args, es_index):
    """HTTP (warm-up pass, timed pass), then in-process, with ``name`` serving readers."""
    from django.conf import settings
    from django.test import RequestFactory

    from search import service

    env = {**os.environ}
    if name == "elasticsearch":
        env.update(ELASTICSEARCH_URL=args.elasticsearch_url, ELASTICSEARCH_INDEX=es_index)
    else:
        env.pop("ELASTICSEARCH_URL", None)
    with Server(env, log=f"search-bench-{os.getpid()}.log") as server:
        host, port = server.url.removeprefix("http://").split(":")
        for query in queries:
            http_search(host, port, query, name)
        timed = [http_search(host, port, query, name) for query in queries]
    http_ms = sorted(ms for ms, _ in timed)
    wrong_counts = sum(1 for (_, count), t in zip(timed, truth) if count != len(t))

    settings.ELASTICSEARCH_URL = args.elasticsearch_url if name == "elasticsearch" else ""
    settings.SEARCH_ELASTICSEARCH_INDEX = es_index
    # As bulletin/wsgi.py does before gunicorn forks: what this process loaded so far (the
    # import, the truth) is never walked by the garbage collector during the searches.
    gc.collect()
    gc.freeze()
    in_process = []
    requests = RequestFactory(headers=HEADERS)
    for query in queries:
        # A request as the view gets one: result URLs look up the site's root paths once for it.
        request = requests.get("/api/search/", {"q": query}, HTTP_HOST="127.0.0.1")
        started = time.perf_counter()
        outcome = service.search(query, http_request=request)
        in_process.append((time.perf_counter() - started) * 1000)
        assert outcome.engine == name, f"{query!r} was answered by {outcome.engine}, not {name}"
    in_process.sort()
    return {
        "http_p50": percentile(http_ms, 50),
        "http_p95": percentile(http_ms, 95),
        "process_p50": percentile(in_process, 50),
        "process_p95": percentile(in_process, 95),
        "wrong_counts": wrong_counts,
        "load": os.getloadavg()[0],
    }


def http_search(host, port, query, engine):
    """One GET /api/search/ on a new connection (gunicorn's sync worker closes each one):
    milliseconds until the whole answer is read, and its count."""
    path = "/api/search/?" + urllib.parse.urlencode({"q": query})
    started = time.perf_counter()
    connection = http.client.HTTPConnection(host, int(port), timeout=30)
    connection.request("GET", path, headers=HEADERS)
    response = connection.getresponse()
    body = response.read()
    elapsed = (time.perf_counter() - started) * 1000
    connection.close()
    if response.status != 200:
        sys.exit(f"search_bench: {path} answered {response.status}: {body[:300]!r}")
    served_by = response.getheader("X-Search-Engine")
    if served_by != engine:  # Elasticsearch slow or down: the fallback answered, not what we measure
        sys.exit(f"search_bench: {path} was answered by {served_by}, not {engine}")
    return elapsed, json.loads(body)["count"]


def write_archive(corpus, path, copies):
    """The corpus once for each of ``copies``; copy k has its dates shifted back k × 5 years."""
    lines = [json.loads(line) for line in corpus.open(encoding="utf-8") if line.strip()]
    with path.open("w", encoding="utf-8") as out:
        for copy in copies:
            for item in lines:
                day = date.fromisoformat(item["date"])
                try:
                    shifted = day.replace(year=day.year - SHIFT_YEARS * copy)
                except ValueError:  # 29 February in a year that has none
                    shifted = day.replace(year=day.year - SHIFT_YEARS * copy, day=28)
                out.write(json.dumps({**item, "date": shifted.isoformat()}, ensure_ascii=False) + "\n")
    return len(lines) * len(copies)


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
        .prefetch_related("bylines__person", "topic_items__tag", "corrections", for_specific_subqueries=True)
    )
    documents = []
    for page in pages.iterator(chunk_size=2000):
        parts = [page.title, getattr(page, "subtitle", ""), page.plain_text()]
        # What the story page shows besides: bylines with their roles, topics, its column, the
        # issuing body of a notice, the lead image's caption, corrections.
        parts += [f"{b.role} {b.person.name}" for b in page.bylines.all() if b.person_id]
        parts += [i.tag.name for i in page.topic_items.all()] + [c.text for c in page.corrections.all()]
        parts += [getattr(page, name, "") for name in ("column", "issuing_body", "lead_image_caption")]
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


# --- The report ------------------------------------------------------------------------------


def share(fraction):
    """A percentage that shows 100% only when it is exact (rounding would make 99.996% look so)."""
    return f"{math.floor(fraction * 10000) / 100:.2f}%"


def label(row):
    return "Elasticsearch" if row["engine"] == "elasticsearch" else row["database"]


def report(rows, args):
    lines = []
    for scale in args.scales:
        at_scale = [r for r in rows if r["scale"] == scale]
        if not at_scale:
            continue
        stories = ", ".join(f"{r['database']} {r['stories']:,}" for r in at_scale if r["engine"] == "embedded")
        imports = ", ".join(f"{r['database']} {r['import']:.0f} s" for r in at_scale if r["engine"] == "embedded")
        lines += [
            f"\n### Scale {scale}: stories {stories}; imported (cumulative, indexing paused) in {imports}\n",
            "| row | index build | HTTP p50 | HTTP p95 | in-process p50 | in-process p95 | recall | precision "
            "| queries short of full recall | count ≠ truth | load |",
            "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
        ]
        for r in at_scale:
            name = (
                f"Elasticsearch (on {r['database']})"
                if r["engine"] == "elasticsearch"
                else f"{r['database']} + embedded"
            )
            lines.append(
                f"| {name} | {r['build']:.1f} s | {r['http_p50']:.1f} ms | {r['http_p95']:.1f} ms "
                f"| {r['process_p50']:.1f} ms | {r['process_p95']:.1f} ms | {share(r['recall'])} | {share(r['precision'])} "
                f"| {r['short']} | {r['wrong_counts']} | {r['load']:.1f} |"
            )
    lines.append("\nTargets (issue 13): p95 through HTTP, recall and precision 100%:\n")
    for r in rows:
        target = TARGETS[(label(r), r["scale"])]
        size = "12k" if r["scale"] == 1 else f"{r['scale'] * 12}k"
        speed = r["http_p95"] <= target
        exact = r["recall"] == 1 and r["precision"] == 1 and r["wrong_counts"] == 0
        lines.append(
            f"- {label(r)} at {size}: p95 ≤ {target} ms {'met' if speed else 'NOT met'} ({r['http_p95']:.1f} ms); "
            f"recall and precision 100% {'met' if exact else 'NOT met'}"
        )
    return "\n".join(lines)


if __name__ == "__main__":
    main()
