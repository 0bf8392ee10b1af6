#!/usr/bin/env python
"""What an uncached render costs in-process: CPU time per page, without a server, wrk or nginx.

    .venv/bin/python bench/render.py [--database-url postgres://… [--no-import]] [--renders 100] [--profile PAGE]

Uses bench/load.py's database (var/bench/load.sqlite3, or the PostgreSQL database named by
--database-url), loading the archive and the seed edition first if load.py has not. Then renders
the home page, an article, a topic page and a search --renders times each through Django's
request handler with production settings, each request under a host name of its own: a page-cache
miss, rendered and stored, as load.py's misses are. It prints the CPU time of this process per
render (time.process_time: the noise of other processes on the machine stays out of it; on
PostgreSQL the database server's own CPU does too) and the queries per render.

--profile PAGE (home, article, topic or search) runs cProfile over that page's renders instead
and prints the functions that took the most time, cumulative.
"""

import argparse
import cProfile
import os
import pstats
import secrets
import sys
import time

from common import PROJECT_DIR, default_corpus, machine
from load import BENCH_DIR, MISS_DOMAIN, load_archive, production_env, urls_from, write_into_benchmarks

PAGES = ("home", "article", "topic", "search")


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--corpus", default=default_corpus())
    parser.add_argument("--database-url", help="postgres://… (default: load.py's SQLite database)")
    parser.add_argument("--no-import", action="store_true", help="use --database-url as an earlier run loaded it")
    parser.add_argument("--renders", type=int, default=100, help="renders of each page")
    parser.add_argument("--profile", choices=PAGES, help="profile this page's renders instead")
    parser.add_argument("--write", action="store_true", help="write the table into docs/benchmarks.md")
    args = parser.parse_args()
    args.fresh = False

    BENCH_DIR.mkdir(parents=True, exist_ok=True)
    env = production_env(args.database_url)
    load_archive(env, args)
    env["CACHE_URL"] = f"file://{BENCH_DIR / 'render-cache'}"
    os.environ.update(env)
    sys.path.insert(0, str(PROJECT_DIR))
    os.chdir(PROJECT_DIR)

    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", "--noinput", verbosity=0)  # as tools/serve.sh does before it serves
    from bulletin.caching import pagecache

    pagecache.invalidate()  # nothing an earlier run stored is found

    client = Client()
    urls = client.pick_urls()
    if args.profile:
        return profile(client, urls[args.profile], args.renders)

    rows = [(name, *client.measure(url, args.renders)) for name, url in urls.items()]
    database = "PostgreSQL" if args.database_url else "SQLite"
    lines = [
        f"{args.renders} renders of each page, production settings, {database}; {machine()}, "
        f"load average at the end {', '.join(f'{n:.1f}' for n in os.getloadavg())}",
        "",
        "| page | CPU ms per render | queries per render |",
        "| --- | ---: | ---: |",
        *(f"| {name} | {cpu_ms:.1f} | {queries} |" for name, cpu_ms, queries in rows),
    ]
    table = "\n".join(lines)
    print(table)
    if args.write:
        command = "--database-url postgres://… --write" if args.database_url else "--write"
        write_into_benchmarks(
            f"## Uncached renders in-process ({database})",
            f"`.venv/bin/python bench/render.py {command}`: CPU time of the process per page-cache "
            "miss (time.process_time; on PostgreSQL the database server's CPU is not in it), "
            "rendered through Django's request handler with the archive and the seed edition "
            "loaded. It depends much less than bench/load.py's misses on what else the machine "
            f"runs (a busy machine still slows it somewhat).\n\n{table}\n",
        )


class Client:
    """Django's test client as a reader behind nginx: HTTPS, a new host name per request."""

    def __init__(self):
        from django.test import Client as DjangoClient

        self.client = DjangoClient(HTTP_X_FORWARDED_PROTO="https")
        self.n = 0
        self.run = secrets.token_hex(4)  # host names no earlier run has stored pages under

    def get(self, url):
        self.n += 1
        response = self.client.get(url, HTTP_HOST=f"r{self.n}-{self.run}.{MISS_DOMAIN}")
        assert response.status_code == 200, (url, response.status_code)
        assert response["X-Page-Cache"] == "miss", url
        return response

    def pick_urls(self):
        return urls_from(lambda path: self.get(path).content.decode())

    def measure(self, url, renders):
        from django.db import connection

        self.get(url)  # the first render makes renditions and fills Wagtail's caches
        queries = []
        with connection.execute_wrapper(lambda execute, sql, *args: queries.append(sql) or execute(sql, *args)):
            self.get(url)
        start = time.process_time()
        for _ in range(renders):
            self.get(url)
        return (time.process_time() - start) * 1000 / renders, len(queries)


def profile(client, url, renders):
    client.get(url)
    profiler = cProfile.Profile()
    profiler.enable()
    for _ in range(renders):
        client.get(url)
    profiler.disable()
    pstats.Stats(profiler).sort_stats(os.environ.get("SORT", "cumulative")).print_stats(
        int(os.environ.get("TOP", "60"))
    )


if __name__ == "__main__":
    main()
