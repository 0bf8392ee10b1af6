#!/usr/bin/env python
"""The 数字报 import and what a phone downloads to see page 1.

    .venv/bin/python bench/epaper.py [--pages 8]

Typesets the seed edition (demo/edition-2023-11-28.txt) into an edition of --pages pages with
``typeset_edition``, then, each in a process of its own on a fresh temporary SQLite database and
MEDIA_ROOT: the text alone (``import_edition --publish``), and the text with its pages
(``import_edition --publish --pages``), timed with peak RSS. Then the page files' sizes and the
bytes of ``GET /api/editions/1/``. Prints Markdown tables; docs/benchmarks.md keeps a run.

The reader's page view (/editions/<n>/…) is not counted: it is built separately; a phone
downloads its HTML and CSS on top of the page image and the API's JSON measured here.
"""

import argparse
import gzip
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from common import PROJECT_DIR, machine

SETTINGS = "bulletin.settings.test"  # DEBUG off as in production, without its required environment
SEED = PROJECT_DIR / "demo" / "edition-2023-11-28.txt"


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--pages", type=int, default=8)
    parser.add_argument("--child", choices=["text", "pages"], help=argparse.SUPPRESS)
    parser.add_argument("--pdf", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        return child(args)

    with tempfile.TemporaryDirectory(prefix="bench-epaper-") as tmp:
        tmp = Path(tmp)
        pdf = tmp / "edition.pdf"
        subprocess.run(
            [
                sys.executable,
                "manage.py",
                "typeset_edition",
                str(SEED),
                str(pdf),
                "--date",
                "2023-11-28",
                "--pages",
                str(args.pages),
            ],
            cwd=PROJECT_DIR,
            env=environment(tmp / "typeset"),
            check=True,
            capture_output=True,
        )
        text = measure("text", tmp / "text", pdf)
        pages = measure("pages", tmp / "pages", pdf)

    print(
        f"数字报 import, seed edition typeset into {pages['pages']} pages ({pages['pdf_bytes']:,} "
        f"bytes of PDF), {time.strftime('%Y-%m-%d')}, {machine()}\n"
    )
    print("| import | seconds | peak RSS |")
    print("|---|---:|---:|")
    print(f"| text only (`import_edition --publish`) | {text['seconds']:.1f} | {text['rss'] / 1024:.0f} MB |")
    print(f"| text + {pages['pages']} pages (`--pages`) | {pages['seconds']:.1f} | {pages['rss'] / 1024:.0f} MB |")
    print(
        f"| the pages' share | {pages['seconds'] - text['seconds']:.1f} | "
        f"{(pages['rss'] - text['rss']) / 1024:+.0f} MB |"
    )
    print(f"\nStories placed: {pages['placed']} of 14.\n")

    print("| file | per page: min | median | max |")
    print("|---|---:|---:|---:|")
    for name in ("image", "thumbnail", "pdf"):
        sizes = pages["files"][name]
        print(f"| {name} | {kb(min(sizes))} | {kb(statistics.median(sizes))} | {kb(max(sizes))} |")

    api, api_gzip = pages["api_bytes"], pages["api_gzip_bytes"]
    image = pages["files"]["image"][0]
    html, assets = pages["page_html_gzip_bytes"], pages["page_assets_gzip_bytes"]
    print("\n| a phone opens page 1 (`/editions/1/1/`) | bytes |")
    print("|---|---:|")
    print(f"| the page's HTML (gzip) | {kb(html)} |")
    print(f"| its stylesheets and scripts (gzip; cached after the first page) | {kb(assets)} |")
    print(f"| page 1 image (WebP) | {kb(image)} |")
    print(f"| **total** | **{kb(html + assets + image)}** |")
    print(f"| (for apps: `GET /api/editions/1/`, gzip) | {kb(api_gzip)} ({kb(api)} plain) |")


def kb(size):
    return f"{size / 1024:,.0f} KB"


def environment(tmp):
    env = {key: value for key, value in os.environ.items() if not key.startswith(("DJANGO_", "DATABASE_URL"))}
    env.pop("ELASTICSEARCH_URL", None)
    env.update(
        DJANGO_SETTINGS_MODULE=SETTINGS,
        DATABASE_URL=f"sqlite:///{tmp / 'db.sqlite3'}",
        MEDIA_ROOT=str(tmp / "media"),
    )
    tmp.mkdir(parents=True, exist_ok=True)
    return env


def measure(kind, tmp, pdf):
    """Migrate a fresh database, then run one measurement in a child process of its own."""
    env = environment(tmp)
    subprocess.run([sys.executable, "manage.py", "migrate", "-v", "0"], cwd=PROJECT_DIR, env=env, check=True)
    command = [sys.executable, __file__, "--child", kind, "--pdf", str(pdf)]
    process = subprocess.Popen(command, stdout=subprocess.PIPE, cwd=PROJECT_DIR, env=env)
    output = process.stdout.read()
    __, status, usage = os.wait4(process.pid, 0)
    if os.waitstatus_to_exitcode(status) != 0:
        sys.exit(f"the {kind} measurement failed")
    return {**json.loads(output), "rss": usage.ru_maxrss}


def child(args):
    sys.path.insert(0, str(PROJECT_DIR))
    import django

    django.setup()
    from django.core.management import call_command
    from django.test import Client

    from bulletin.epaper.models import PrintedPage
    from bulletin.stories.models import StoryPage

    options = ["--pages", str(args.pdf)] if args.child == "pages" else []
    quiet = open(os.devnull, "w")
    started = time.perf_counter()
    call_command(
        "import_edition",
        str(SEED),
        "--date",
        "2023-11-28",
        "--number",
        "1",
        "--publish",
        *options,
        stdout=quiet,
        stderr=quiet,
    )
    result = {"seconds": time.perf_counter() - started}
    if args.child == "pages":
        pages = list(PrintedPage.objects.order_by("number"))
        response = Client().get("/api/editions/1/", HTTP_HOST="localhost")
        assert response.status_code == 200, response.status_code
        result.update(
            pages=len(pages),
            pdf_bytes=args.pdf.stat().st_size,
            placed=StoryPage.objects.exclude(print_page="").count(),
            files={name: [getattr(page, name).size for page in pages] for name in ("image", "thumbnail", "pdf")},
            api_bytes=len(response.content),
            api_gzip_bytes=len(gzip.compress(response.content)),
            **reader_page_bytes(Client()),
        )
    print(json.dumps(result))


def reader_page_bytes(client):
    """What a browser fetches for the page view besides the page image: the HTML and the
    stylesheets and scripts it links, each gzipped as whitenoise and nginx serve them."""
    import re

    from django.conf import settings
    from django.contrib.staticfiles import finders

    response = client.get("/editions/1/1/", HTTP_HOST="localhost")
    assert response.status_code == 200, response.status_code
    html = response.content.decode()
    assets = re.findall(rf'(?:href|src)="{re.escape(settings.STATIC_URL)}([^"]+\.(?:css|js))"', html)
    asset_bytes = sum(len(gzip.compress(open(finders.find(path), "rb").read())) for path in set(assets))
    return {"page_html_gzip_bytes": len(gzip.compress(response.content)), "page_assets_gzip_bytes": asset_bytes}


if __name__ == "__main__":
    main()
