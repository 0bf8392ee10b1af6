#!/usr/bin/env python
"""Lighthouse scores of the reader's pages: npm's lighthouse driving Debian's chromium.

    .venv/bin/python bench/lighthouse.py [--fresh] [--write]

Loads the demo content (the seed edition, as tools/demo.sh does) into an SQLite file under
var/bench/ (kept for the next run; --fresh rebuilds it), serves it with tools/serve.sh —
production settings, gunicorn, the file page cache — on 127.0.0.1, and runs lighthouse
(tools/node/package.json; installed here with npm when missing) once per page against it: the
home page, the lead story, its first topic, the edition, and a search (whose results page is
noindex on purpose, so its SEO score is not expected to be 100). Mobile form factor with
lighthouse's simulated throttling; chromium is /usr/bin/chromium (CHROME_PATH), headless, no
sandbox; nothing is downloaded. nginx stands in front of gunicorn with deploy/nginx-proxy.conf as in
production, telling the app that the reader came over HTTPS (lighthouse fetches robots.txt outside
the page, where it could add no header of its own).

Prints a Markdown table of the four category scores and, under it, every audit that cost points;
--write puts both under "## Lighthouse" in docs/benchmarks.md.
"""

import argparse
import datetime
import json
import os
import re
import subprocess
import sys
import tempfile
import urllib.parse

from common import PROJECT_DIR, machine
from load import BENCH_DIR, PROXY_SITE, PYTHON, SEED_EDITION, Nginx, Server, fetch, production_env

NODE_DIR = PROJECT_DIR / "tools" / "node"
LIGHTHOUSE = NODE_DIR / "node_modules" / ".bin" / "lighthouse"
CHROMIUM = os.environ.get("CHROME_PATH", "/usr/bin/chromium")
DATABASE = BENCH_DIR / "lighthouse.sqlite3"
REPORTS = BENCH_DIR / "lighthouse"  # each page's full JSON report, for the details
CATEGORIES = ["performance", "accessibility", "best-practices", "seo"]


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--fresh", action="store_true", help="rebuild the database even if there is one")
    parser.add_argument("--write", action="store_true", help="write the table into docs/benchmarks.md")
    args = parser.parse_args()

    install_lighthouse()
    BENCH_DIR.mkdir(parents=True, exist_ok=True)
    env = production_env(None)
    env.update(DATABASE_URL=f"sqlite:///{DATABASE}", CACHE_URL=f"file://{BENCH_DIR / 'lighthouse-cache'}")
    load_demo(env, args.fresh)

    results = []
    with Server(env) as server, Nginx(PROXY_SITE, upstream=server.url.removeprefix("http://")) as proxy:
        for name, path in pick_urls(proxy).items():
            fetch(proxy.url + path)  # rendered once: lighthouse measures the page as readers get it
            results.append((name, path, lighthouse(proxy.url + path, REPORTS / f"{name.split()[0]}.json")))

    table = render(results)
    print(table)
    if args.write:
        write_section(table)


def install_lighthouse():
    """lighthouse is a devDependency: tools/install.sh leaves it out of the test machines."""
    if LIGHTHOUSE.exists():
        return
    print("lighthouse: installing it with npm (tools/node) …", file=sys.stderr)
    subprocess.run(
        ["npm", "ci", "--prefix", str(NODE_DIR), "--ignore-scripts", "--no-audit", "--no-fund"],
        env={**os.environ, "PUPPETEER_SKIP_DOWNLOAD": "1"},
        check=True,
    )


def manage(env, *args):
    subprocess.run([str(PYTHON), "manage.py", *args], cwd=PROJECT_DIR, env=env, check=True)


def load_demo(env, fresh):
    if DATABASE.exists() and not fresh:
        print(f"lighthouse: reusing {DATABASE.relative_to(PROJECT_DIR)} (--fresh rebuilds it)", file=sys.stderr)
        return
    for leftover in BENCH_DIR.glob("lighthouse.sqlite3*"):
        leftover.unlink()
    manage(env, "migrate", "--noinput", "-v", "0")
    manage(env, "import_edition", str(SEED_EDITION), "--date", "2023-11-28", "--number", "1", "--publish")


def pick_urls(server):
    """The home page, the first story it links to, that story's first topic and its edition, a search."""
    home = fetch(server.url + "/")[2].decode()
    story = re.search(r'href="(/news/[^"]+/)"', home).group(1)
    story_html = fetch(server.url + story)[2].decode()
    topic = re.search(r'href="(/topics/[^"/]+/)"', story_html).group(1)
    edition = re.search(r'href="(/editions/[^"/]+/)[^"]*"', story_html + home).group(1)
    term = urllib.parse.unquote(topic.rstrip("/").rsplit("/", 1)[1])
    return {
        "home": "/",
        "story": story,
        "topic": topic,
        "edition": edition,
        "search (noindex)": "/search/?" + urllib.parse.urlencode({"q": term}),
    }


def lighthouse(url, report):
    report.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="bulletin-lighthouse-") as directory:
        subprocess.run(
            [
                str(LIGHTHOUSE),
                url,
                "--quiet",
                "--output=json",
                f"--output-path={report}",
                f"--only-categories={','.join(CATEGORIES)}",
                "--form-factor=mobile",
                # A profile of its own, so that no other chromium's state leaks in.
                f"--chrome-flags=--headless=new --no-sandbox --disable-gpu --user-data-dir={directory}/profile",
            ],
            env={**os.environ, "CHROME_PATH": CHROMIUM},
            check=True,
        )
    return json.loads(report.read_text())


def lost_points(report):
    """Audits that count towards a category's score and did not pass, or could not run:
    (category, title, value, score)."""
    for category in CATEGORIES:
        for ref in report["categories"][category]["auditRefs"]:
            audit = report["audits"][ref["id"]]
            if audit.get("errorMessage"):
                yield category, audit["title"], "error: " + audit["errorMessage"], None
            elif ref["weight"] and audit["score"] is not None and audit["score"] < 1:
                yield category, audit["title"], audit.get("displayValue", ""), audit["score"]


def render(results):
    version = results[0][2]["lighthouseVersion"] if results else "?"
    chromium = results[0][2]["environment"]["hostUserAgent"] if results else "?"
    match = re.search(r"Chrome/([\d.]+)", chromium)
    lines = [
        f"Run of {datetime.date.today().isoformat()}: lighthouse {version}, Debian's chromium "
        f"{match.group(1) if match else '?'}, mobile with simulated throttling; {machine()}, "
        f"load average {', '.join(f'{n:.1f}' for n in os.getloadavg())}",
        "",
        "| page | path | performance | accessibility | best practices | SEO |",
        "| --- | --- | ---: | ---: | ---: | ---: |",
    ]
    for name, path, report in results:
        # A category lighthouse could not score (an error in a metric) has no score: shown as "–".
        scores = [report["categories"][c]["score"] for c in CATEGORIES]
        scores = ["–" if score is None else str(round(score * 100)) for score in scores]
        lines.append(f"| {name} | `{urllib.parse.unquote(path)}` | " + " | ".join(scores) + " |")
    lost = [
        f"- {name}, {category}: {title}{f' ({value})' if value else ''}"
        for name, _, report in results
        for category, title, value, _ in lost_points(report)
    ]
    if lost:
        heading = "Audits short of full marks (a category may still round to 100):"
    else:
        heading = "Every audit at full marks."
    lines += ["", heading, *lost]
    return "\n".join(lines)


def write_section(table):
    docs = PROJECT_DIR / "docs" / "benchmarks.md"
    text = docs.read_text() if docs.exists() else "# Benchmarks\n"
    section = (
        "## Lighthouse\n\n"
        "`.venv/bin/python bench/lighthouse.py --write`: npm's lighthouse (tools/node) driving Debian's "
        "chromium, mobile, against the production server (tools/serve.sh: gunicorn, production settings, "
        "file page cache, SQLite, behind nginx with deploy/nginx-proxy.conf) with the demo content, the "
        "seed edition. Each page is requested once "
        "before lighthouse loads it, so it comes from the page cache as readers get it. Performance "
        "depends on the machine's load (the throttling is simulated from what was observed); the other "
        "three do not.\n\n"
        f"{table}\n"
    )
    pattern = re.compile(r"^## Lighthouse\n.*?(?=^## |\Z)", re.M | re.S)
    if pattern.search(text):
        text = pattern.sub(lambda _: section + "\n", text)
    else:
        text = text.rstrip("\n") + "\n\n" + section
    docs.write_text(text)
    print(f"lighthouse: wrote the table to {docs.relative_to(PROJECT_DIR)}", file=sys.stderr)


if __name__ == "__main__":
    main()
