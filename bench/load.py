#!/usr/bin/env python
"""How much traffic the production server takes: wrk against tools/serve.sh with the archive loaded.

    .venv/bin/python bench/load.py [--corpus PATH] [--duration 10] [--connections 16] [--write]
    .venv/bin/python bench/load.py --cluster --database-url postgres://… [--elasticsearch-url URL] [--write]

Loads the archive (``import_articles``, 12k stories) and the seed edition into an SQLite file
under var/bench/ (kept for the next run; --fresh rebuilds it), or into the PostgreSQL database
named by --database-url. Then serves it with tools/serve.sh — production settings, gunicorn with
its default workers, the file page cache — on 127.0.0.1, and runs wrk for --duration seconds per
case against the home page, an article, a topic page and a search: once as page-cache hits (the
same URL again and again), once as misses (a host name that differs on every request: the page
cache keys on the host but ignores query parameters no page reads, so each request renders the
page and stores it, as the first view after a publish does). The ceiling is
the same article HTML saved as a file and served by nginx (temporary config, loopback port) on
the same machine. The hits are measured again through nginx with deploy/nginx-proxy.conf (the
production front end: a one-second cache of anonymous pages). Errors are non-2xx answers and socket errors, including replies slower than
wrk's 2 s timeout.

--cluster measures the topology of several app servers (docs/deploying.md): two tools/serve.sh
on one PostgreSQL database, one Redis page cache (--redis-url, default: tools/redis.sh starts
one) and, with --elasticsearch-url, one Elasticsearch index (rebuilt first), behind nginx with
deploy/nginx-proxy.conf balancing them. Every request goes through nginx: the same URL again
(nginx's one-second cache), a parameter nginx keys on and no page reads that differs on every
request (nginx passes each on; the app answers from the shared Redis cache, whichever server
gets it), and a host name that differs on every request (both caches miss: a render).

Requests carry X-Forwarded-Proto: https, as nginx in front of the site would send them. wrk,
the server and nginx share the machine's cores, so numbers are relative to this machine.
Prints a Markdown table; --write puts it under "## Load" in docs/benchmarks.md.
"""

import argparse
import os
import re
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

from common import PROJECT_DIR, default_corpus, machine

BENCH_DIR = PROJECT_DIR / "var" / "bench"
PYTHON = PROJECT_DIR / ".venv" / "bin" / "python"
SEED_EDITION = PROJECT_DIR / "demo" / "edition-2023-11-28.txt"
HEADERS = {"X-Forwarded-Proto": "https"}

# Targets from the product brief, checked at the end of the run.
CACHED_SHARE_OF_CEILING = 0.30
UNCACHED_ARTICLE_P99_MS = 200


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--corpus", type=Path, default=default_corpus())
    parser.add_argument("--database-url", help="postgres://… to load and serve from (default: SQLite in var/bench/)")
    parser.add_argument("--fresh", action="store_true", help="rebuild the SQLite database even if one is there")
    parser.add_argument(
        "--no-import", action="store_true", help="serve --database-url as an earlier run loaded it (and its index)"
    )
    parser.add_argument("--duration", type=int, default=10, help="seconds of wrk per case")
    parser.add_argument("--connections", type=int, default=16)
    parser.add_argument("--threads", type=int, default=2, help="wrk threads")
    parser.add_argument("--write", action="store_true", help="write the table into docs/benchmarks.md")
    parser.add_argument("--cluster", action="store_true", help="two app servers behind nginx (needs PostgreSQL)")
    parser.add_argument("--redis-url", help="Redis for --cluster's page cache (default: tools/redis.sh's)")
    parser.add_argument("--elasticsearch-url", help="Elasticsearch for --cluster's search (default: none)")
    args = parser.parse_args()
    if args.cluster and not (args.database_url or "").startswith("postgres"):
        parser.error("--cluster needs --database-url postgres://…: app servers share one PostgreSQL")

    for tool in ("wrk", "nginx"):
        if not shutil.which(tool) and not Path(f"/usr/sbin/{tool}").exists():
            sys.exit(f"load: {tool} is missing (tools/system-packages.sh installs it)")

    BENCH_DIR.mkdir(parents=True, exist_ok=True)
    # An empty page cache: misses must not find an earlier run's pages, nor pay for culling
    # a cache that earlier runs filled to its limit.
    shutil.rmtree(BENCH_DIR / "cache", ignore_errors=True)
    env = production_env(args.database_url)
    load_archive(env, args)
    if args.cluster:
        return cluster(env, args)

    rows = []
    with Server(env) as server:
        urls = pick_urls(server)
        article_html = fetch(server.url + urls["article"])[2]
        for name, path in urls.items():
            server.check(path)
            rows.append((name, "hit", wrk(server.url + path, args)))
            rows.append((name, "miss", wrk(server.url + path, args, script=UNIQUE_HOST)))
        with Nginx(PROXY_SITE, upstream=upstreams(server)) as proxy:
            for name, path in urls.items():
                fetch(proxy.url + path)
                rows.append((name, "nginx 1 s cache", wrk(proxy.url + path, args)))
    with Nginx(STATIC_SITE, html=article_html) as static:
        rows.append(("article (static file, nginx)", "ceiling", wrk(static.url + "/article.html", args)))

    table = render(rows, args)
    print(table)
    verdicts = check_targets(rows)
    print("\n".join(verdicts))
    if args.write:
        write_section(table, verdicts, rows, args)


def cluster(env, args):
    """Two app servers sharing PostgreSQL, Redis and Elasticsearch, measured through nginx."""
    redis_url = (
        args.redis_url
        or subprocess.run(
            [str(PROJECT_DIR / "tools" / "redis.sh")], capture_output=True, text=True, check=True
        ).stdout.strip()
    )
    # A prefix of its own, so that every run starts with an empty page cache.
    env = {**env, "CACHE_URL": f"{redis_url}?key_prefix=bench-{secrets.token_hex(4)}"}
    if args.elasticsearch_url:
        env.update(ELASTICSEARCH_URL=args.elasticsearch_url, ELASTICSEARCH_INDEX="bench-load-cluster")
        if not args.no_import:
            print("load: building the Elasticsearch index …", file=sys.stderr)
            manage(env, "rebuild_search_index", "--engine", "elasticsearch", "--no-progress")
    rows = []
    # One after the other: the first migrates; the publish loop runs on one server only.
    with Server(env, "serve-1.log") as first, Server({**env, "PUBLISH_LOOP": "false"}, "serve-2.log") as second:
        with Nginx(PROXY_SITE, upstream=upstreams(first, second)) as proxy:
            urls = pick_urls(proxy)
            for name in ("home", "article", "search"):
                path = urls[name]
                check_through_nginx(proxy, path)
                rows.append((name, "nginx 1 s cache", wrk(proxy.url + path, args)))
                rows.append((name, "Redis hit", wrk(proxy.url + path, args, script=UNIQUE_NGINX_KEY)))
                rows.append((name, "miss", wrk(proxy.url + path, args, script=UNIQUE_HOST)))
    engine = "Elasticsearch" if args.elasticsearch_url else "the embedded engine"
    table = render(rows, args)
    errors = sum(r["errors"] for _, _, r in rows)
    verdicts = [f"- no errors: {'met' if errors == 0 else 'NOT met'} ({errors} errors)"]
    print(table)
    print("\n".join(verdicts))
    if args.write:
        section = (
            "`.venv/bin/python bench/load.py --cluster --database-url postgres://… "
            f"{'--elasticsearch-url … ' if args.elasticsearch_url else ''}--write`: two app servers "
            f"(tools/serve.sh each) on one PostgreSQL database, one Redis page cache and {engine} for "
            "search, with the 12k-story archive and the seed edition loaded, behind nginx "
            "(deploy/nginx-proxy.conf) balancing them round-robin, all on 127.0.0.1. Every request "
            "goes through nginx. *nginx 1 s cache*: the same URL again. *Redis hit*: a parameter "
            "nginx keys its cache on and no page reads (`?p=`) differs on every request, so nginx "
            "passes each one on and whichever server gets it answers from the shared Redis cache. "
            "*miss*: a host name that differs on every request, so each one is rendered and stored.\n\n"
            f"{table}\n\nTargets:\n\n" + "\n".join(verdicts) + "\n\n" + CLUSTER_READING + "\n"
        )
        write_into_benchmarks("## Load on two app servers", section)


CLUSTER_READING = (
    "Reading it: both servers, nginx, PostgreSQL, Redis and wrk share this machine's cores, so the "
    "two servers render no faster than one would here; on separate machines their misses add up. "
    "What the table shows is that a page rendered by one server is a hit on the other (the Redis "
    "hits), and that nginx in front answers most traffic by itself."
)


def check_through_nginx(proxy, path):
    """Through nginx, a new ?p= is a hit in the shared cache, whichever server answers; a new host
    a miss."""
    separator = "&" if "?" in path else "?"
    fetch(proxy.url + path)
    for n in range(4):  # round-robin: both servers answer some
        status, headers, _ = fetch(f"{proxy.url}{path}{separator}p=check-{n}")
        assert status == 200 and headers.get("X-Page-Cache") == "hit", f"{path}?p= is not a shared-cache hit"
    status, headers, _ = fetch(proxy.url + path, Host=f"check.{MISS_DOMAIN}")
    assert status == 200 and headers.get("X-Page-Cache") == "miss", f"{path} on a new host is not a miss"


def upstreams(*servers):
    return " ".join(f"server {server.url.removeprefix('http://')};" for server in servers)


def production_env(database_url):
    env = {key: value for key, value in os.environ.items() if not key.startswith(("DJANGO_", "SECURE_"))}
    env.update(
        DJANGO_SETTINGS_MODULE="bulletin.settings.production",
        SECRET_KEY=secrets.token_urlsafe(50),
        SITE_URL="http://127.0.0.1",
        # Any name under MISS_DOMAIN is served: each is its own page-cache entry (see UNIQUE_HOST).
        ALLOWED_HOSTS=f"127.0.0.1,.{MISS_DOMAIN}",
        DATABASE_URL=database_url or f"sqlite:///{BENCH_DIR / 'load.sqlite3'}",
        CACHE_URL=f"file://{BENCH_DIR / 'cache'}",
        STATIC_ROOT=str(BENCH_DIR / "static"),
        MEDIA_ROOT=str(BENCH_DIR / "media"),
        ACCESS_LOG="",  # the access log would measure the terminal, not the site
    )
    env.pop("ELASTICSEARCH_URL", None)  # the built-in search engine, on the same database
    return env


def manage(env, *args):
    subprocess.run([str(PYTHON), "manage.py", *args], cwd=PROJECT_DIR, env=env, check=True)


def load_archive(env, args):
    database = BENCH_DIR / "load.sqlite3"
    if args.no_import:
        return
    if args.database_url is None and database.exists() and not args.fresh:
        print(f"load: reusing {database.relative_to(PROJECT_DIR)} (--fresh rebuilds it)", file=sys.stderr)
        return
    if args.database_url is None:
        for leftover in BENCH_DIR.glob("load.sqlite3*"):
            leftover.unlink()
    if not args.corpus.exists():
        sys.exit(f"load: no archive at {args.corpus} (set --corpus or BULLETIN_CORPUS)")
    print(f"load: importing {args.corpus} …", file=sys.stderr)
    manage(env, "migrate", "--noinput", "-v", "0")
    manage(env, "import_edition", str(SEED_EDITION), "--date", "2023-11-28", "--number", "1", "--publish")
    manage(env, "import_articles", str(args.corpus))


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def fetch(url, **headers):
    request = urllib.request.Request(url, headers={**HEADERS, **headers})
    with urllib.request.urlopen(request, timeout=60) as response:
        return response.status, response.headers, response.read()


class Server:
    """tools/serve.sh in its own process group."""

    def __init__(self, env, log="serve.log"):
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        # PID files of its own: serve.sh refuses to start where another server's gunicorn runs.
        run_dir = BENCH_DIR / f"run-{self.port}"
        self.env = {**env, "BIND": f"127.0.0.1:{self.port}", "SITE_URL": self.url, "RUN_DIR": str(run_dir)}
        self.log_name = log

    def __enter__(self):
        self.log = open(BENCH_DIR / self.log_name, "w")
        self.process = subprocess.Popen(
            [str(PROJECT_DIR / "tools" / "serve.sh")],
            cwd=PROJECT_DIR,
            env=self.env,
            stdout=self.log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        deadline = time.monotonic() + 180
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                sys.exit(f"load: tools/serve.sh exited; see {self.log.name}")
            try:
                fetch(self.url + "/")
                return self
            except OSError:
                time.sleep(0.5)
        sys.exit(f"load: tools/serve.sh did not answer; see {self.log.name}")

    def __exit__(self, *exc):
        os.killpg(self.process.pid, signal.SIGTERM)
        self.process.wait(timeout=60)
        self.log.close()

    def check(self, path):
        """The page answers, a repeat and an unknown parameter are cache hits, a new host a miss."""
        fetch(self.url + path)
        assert fetch(self.url + path)[1].get("X-Page-Cache") == "hit", f"{path} is not served from the cache"
        separator = "&" if "?" in path else "?"
        status, headers, _ = fetch(f"{self.url}{path}{separator}nocache=check")
        assert status == 200 and headers.get("X-Page-Cache") == "hit", f"{path}?nocache= is not a hit"
        status, headers, _ = fetch(self.url + path, Host=f"check.{MISS_DOMAIN}")
        assert status == 200 and headers.get("X-Page-Cache") == "miss", f"{path} on a new host is not a miss"


# Misses: requests for host names under this domain (never resolved: wrk connects to 127.0.0.1).
MISS_DOMAIN = "miss.bench.test"
# wrk script: a Host unique to each request, so the page cache never has the answer.
UNIQUE_HOST = """
local threads = 0
function setup(thread)
    threads = threads + 1
    thread:set("tid", threads)
end
local n = 0
function request()
    n = n + 1
    local headers = {}
    for name, value in pairs(wrk.headers) do headers[name] = value end
    headers["Host"] = "r" .. tid .. "-" .. n .. ".MISS_DOMAIN"
    return wrk.format(nil, nil, headers)
end
""".replace("MISS_DOMAIN", MISS_DOMAIN)
# wrk script: a ?p= unique to each request. nginx keys its cache on p (deploy/nginx-proxy.conf,
# for the sitemap's pages), so it passes every request on; no page but the sitemap reads p, so
# the app answers them all from the one entry of the plain URL.
UNIQUE_NGINX_KEY = """
local threads = 0
function setup(thread)
    threads = threads + 1
    thread:set("tid", threads)
end
local n = 0
function request()
    n = n + 1
    local separator = string.find(wrk.path, "?", 1, true) and "&" or "?"
    return wrk.format(nil, wrk.path .. separator .. "p=" .. tid .. "-" .. n)
end
"""


def pick_urls(server):
    return urls_from(lambda path: fetch(server.url + path)[2].decode())


# A story's short address (bulletin/stories/addresses.py): /news/2023/11/28/1234/.
STORY_LINK = re.compile(r'href="(/news/\d{4}/\d{2}/\d{2}/\d+/)"')


def urls_from(get):
    """The home page, the first article it links to, its first topic, and a search for that
    topic; ``get(path)`` returns a page's HTML."""
    article = STORY_LINK.search(get("/")).group(1)
    topic = re.search(r'href="(/topics/[^"/]+/)"', get(article)).group(1)
    term = urllib.parse.unquote(topic.rstrip("/").rsplit("/", 1)[1])
    return {
        "home": "/",
        "article": article,
        "topic": topic,
        "search": "/search/?" + urllib.parse.urlencode({"q": term}),
    }


WRK_LINE = {
    "rps": re.compile(r"Requests/sec:\s+([\d.]+)"),
    "p50": re.compile(r"^\s+50%\s+([\d.]+)(us|ms|s)\b", re.M),
    "p99": re.compile(r"^\s+99%\s+([\d.]+)(us|ms|s)\b", re.M),
    "requests": re.compile(r"(\d+) requests in"),
    "non2xx": re.compile(r"Non-2xx or 3xx responses:\s+(\d+)"),
    "socket": re.compile(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)"),
}
TO_MS = {"us": 0.001, "ms": 1, "s": 1000}


def wrk(url, args, script=None):
    command = ["wrk", f"-t{args.threads}", f"-c{args.connections}", f"-d{args.duration}s", "--latency"]
    for name, value in HEADERS.items():
        command += ["-H", f"{name}: {value}"]
    with tempfile.NamedTemporaryFile("w", suffix=".lua") as lua:
        if script:
            lua.write(script)
            lua.flush()
            command += ["-s", lua.name]
        output = subprocess.run(command + [url], capture_output=True, text=True, check=True).stdout

    def latency(key):
        number, unit = WRK_LINE[key].search(output).groups()
        return float(number) * TO_MS[unit]

    errors = 0
    if match := WRK_LINE["non2xx"].search(output):
        errors += int(match.group(1))
    if match := WRK_LINE["socket"].search(output):
        errors += sum(int(n) for n in match.groups())
    return {
        "rps": float(WRK_LINE["rps"].search(output).group(1)),
        "p50": latency("p50"),
        "p99": latency("p99"),
        "requests": int(WRK_LINE["requests"].search(output).group(1)),
        "errors": errors,
    }


NGINX_CONF = """
worker_processes auto;
pid {dir}/nginx.pid;
error_log {dir}/error.log;
daemon off;
events {{ worker_connections 1024; }}
http {{
    access_log off;
    client_body_temp_path {dir}/body;
    proxy_temp_path {dir}/proxy;
    fastcgi_temp_path {dir}/fastcgi;
    uwsgi_temp_path {dir}/uwsgi;
    scgi_temp_path {dir}/scgi;
    {http}
    server {{
        listen 127.0.0.1:{port};
        {server}
    }}
}}
"""
STATIC_SITE = {"http": "", "server": "root {dir}/site; location / {{ default_type text/html; }}"}
# deploy/nginx-proxy.conf, as deploy/nginx.conf uses it, in front of the bench's gunicorn.
PROXY_SITE = {
    "http": "proxy_cache_path {dir}/cache keys_zone=bulletin_pages:10m; upstream bulletin {{ {upstream} }}",
    "server": "set $forwarded_proto https; include " + str(PROJECT_DIR / "deploy" / "nginx-proxy.conf") + ";",
}


class Nginx:
    """nginx with a temporary config on a loopback port; ``site`` is STATIC_SITE or PROXY_SITE."""

    def __init__(self, site, upstream="", html=b""):
        self.site, self.upstream, self.html = site, upstream, html

    def __enter__(self):
        self.directory = Path(tempfile.mkdtemp(prefix="bulletin-nginx-"))
        self.directory.chmod(0o755)  # nginx's workers run as an unprivileged user
        (self.directory / "site").mkdir()
        (self.directory / "site" / "article.html").write_bytes(self.html)
        port = free_port()
        self.url = f"http://127.0.0.1:{port}"
        fill = {"dir": self.directory, "upstream": self.upstream}
        conf = NGINX_CONF.format(
            dir=self.directory,
            port=port,
            http=self.site["http"].format(**fill),
            server=self.site["server"].format(**fill),
        )
        (self.directory / "nginx.conf").write_text(conf)
        nginx = shutil.which("nginx") or "/usr/sbin/nginx"
        self.process = subprocess.Popen([nginx, "-c", str(self.directory / "nginx.conf")], stderr=subprocess.DEVNULL)
        for _ in range(100):
            try:
                fetch(self.url + "/")
                break
            except urllib.error.HTTPError:
                break  # answering, if only with a 404
            except OSError:
                time.sleep(0.1)
        return self

    def __exit__(self, *exc):
        self.process.terminate()
        self.process.wait(timeout=30)
        shutil.rmtree(self.directory, ignore_errors=True)


def render(rows, args):
    lines = [
        f"wrk, {args.threads} threads, {args.connections} connections, {args.duration} s per case; "
        f"{machine()}, load average at the end {', '.join(f'{n:.1f}' for n in os.getloadavg())}",
        "",
        "| page | page cache | requests/s | p50 ms | p99 ms | requests | errors |",
        "| --- | --- | ---: | ---: | ---: | ---: | ---: |",
    ]
    for name, mode, r in rows:
        lines.append(
            f"| {name} | {mode} | {r['rps']:.0f} | {r['p50']:.1f} | {r['p99']:.1f} | {r['requests']} | {r['errors']} |"
        )
    return "\n".join(lines)


def check_targets(rows):
    results = {(name, mode): r for name, mode, r in rows}
    ceiling = results[("article (static file, nginx)", "ceiling")]["rps"]
    cached = max(results[("article", "hit")]["rps"], results[("article", "nginx 1 s cache")]["rps"])
    uncached_p99 = results[("article", "miss")]["p99"]
    errors = sum(r["errors"] for r in results.values())

    def verdict(ok):
        return "met" if ok else "NOT met"

    return [
        f"- no errors: {verdict(errors == 0)} ({errors} errors)",
        f"- cached article ≥ {CACHED_SHARE_OF_CEILING:.0%} of the static ceiling: "
        f"{verdict(cached >= CACHED_SHARE_OF_CEILING * ceiling)} ({cached / ceiling:.0%})",
        f"- uncached article p99 < {UNCACHED_ARTICLE_P99_MS} ms: "
        f"{verdict(uncached_p99 < UNCACHED_ARTICLE_P99_MS)} ({uncached_p99:.0f} ms)",
    ]


def reading(rows):
    """How to read the misses: what one render costs, from the throughput the cores allowed."""
    cores = os.cpu_count() or 1
    costs = ", ".join(
        f"{name} ≈ {cores * 1000 / r['rps']:.0f} ms" for name, mode, r in rows if mode == "miss" and r["rps"]
    )
    return (
        "Reading it: a miss is rendered by Django on the same cores wrk and the other workers "
        "use, so with 16 connections a request waits behind the others and latency is about "
        "16 ÷ misses per second. The cores divided by the misses per second give what one render "
        f"costs: {costs}. The article's p99 target asks for renders well under 25 ms. In production "
        "the page cache and nginx's one-second cache answer nearly every request; a page is "
        "rendered once after each publish."
    )


POSTGRES_READING = (
    "On PostgreSQL the server's own processes share the two cores with gunicorn and wrk, and "
    "each query is a round trip rather than a call into the process: a render costs more than "
    "on SQLite, and the article's p99 sits near the target, so run it more than once before "
    "reading much into one p99."
)


def write_section(table, verdicts, rows, args):
    """Put the run under "## Load" (SQLite) or "## Load on PostgreSQL" in docs/benchmarks.md."""
    heading = "## Load on PostgreSQL" if args.database_url else "## Load"
    command = "--database-url postgres://… --write" if args.database_url else "--write"
    database = "PostgreSQL" if args.database_url else "SQLite"
    section = (
        f"`.venv/bin/python bench/load.py {command}`: the production server (tools/serve.sh: gunicorn, "
        f"production settings, file page cache, {database}) with the 12k-story archive and the seed "
        "edition loaded, on 127.0.0.1. A hit asks for the same URL again and again; a miss asks "
        "for it under a host name that differs on every request, so each one renders and stores "
        "the page. "
        "The ceiling is nginx serving the same article HTML as a static file. Errors count non-2xx "
        "answers and socket errors, including replies slower than wrk's 2 s timeout.\n\n"
        f"{table}\n\nTargets:\n\n" + "\n".join(verdicts) + "\n\n"
        f"{reading(rows)}\n"
    )
    if args.database_url:
        section += "\n" + POSTGRES_READING + "\n"
    write_into_benchmarks(heading, section)


def write_into_benchmarks(heading, section):
    """Replace the section under ``heading`` in docs/benchmarks.md, or add it at the end."""
    docs = PROJECT_DIR / "docs" / "benchmarks.md"
    text = docs.read_text() if docs.exists() else "# Benchmarks\n"
    section = f"{heading}\n\n{section}"
    pattern = re.compile(rf"^{re.escape(heading)}\n.*?(?=^## |\Z)", re.M | re.S)
    text = pattern.sub(lambda _: section + "\n", text) if pattern.search(text) else text.rstrip("\n") + "\n\n" + section
    docs.parent.mkdir(exist_ok=True)
    docs.write_text(text)
    print(f"load: wrote the table to {docs.relative_to(PROJECT_DIR)}", file=sys.stderr)


if __name__ == "__main__":
    main()
