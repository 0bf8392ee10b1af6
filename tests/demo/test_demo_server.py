"""The demo as a newcomer runs it: a real `manage.py runserver` process with the dev settings
(DEBUG as they leave it), and the importers run beside it as processes of their own."""

import json
import os
import re
import signal
import subprocess
import sys
import time
import urllib.error
import urllib.request

import pytest

from tests.conftest import PROJECT_DIR, SEED_EDITION
from tests.deploy.serving import free_port


def dev_environment(tmp_path):
    env = {key: value for key, value in os.environ.items() if not key.startswith(("DJANGO_", "CACHE_URL"))}
    env.pop("ELASTICSEARCH_URL", None)
    env.update(
        DJANGO_SETTINGS_MODULE="bulletin.settings.dev",
        DATABASE_URL=f"sqlite:///{tmp_path / 'demo.sqlite3'}",
        MEDIA_ROOT=str(tmp_path / "media"),
    )
    return env


def manage(env, *args):
    result = subprocess.run(
        [sys.executable, "manage.py", *args], cwd=PROJECT_DIR, env=env, capture_output=True, text=True, timeout=300
    )
    assert result.returncode == 0, result.stdout + result.stderr
    return result


class DemoServer:
    def __init__(self, tmp_path):
        self.env = dev_environment(tmp_path)
        # The cache the dev settings use (files), in a folder of this test's own rather than the
        # clone's var/dev-cache, which a running demo may be using.
        self.env["CACHE_URL"] = f"file://{tmp_path / 'cache'}"
        self.port = free_port()
        self.env["SITE_URL"] = f"http://127.0.0.1:{self.port}"
        self.log = tmp_path / "runserver.log"

    def __enter__(self):
        manage(self.env, "migrate", "--noinput", "-v", "0")
        with open(self.log, "w") as output:
            self.process = subprocess.Popen(
                [sys.executable, "manage.py", "runserver", "--noreload", f"127.0.0.1:{self.port}"],
                cwd=PROJECT_DIR,
                env=self.env,
                stdout=output,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                pytest.fail(f"runserver exited with {self.process.returncode}:\n{self.log.read_text()}")
            try:
                self.get("/")
                return self
            except OSError:
                time.sleep(0.5)
        pytest.fail(f"runserver did not answer within 120s:\n{self.log.read_text()}")

    def __exit__(self, *exc):
        os.killpg(self.process.pid, signal.SIGTERM)
        self.process.wait(timeout=60)

    def get(self, path):
        status, headers, body = self.get_bytes(path)
        return status, headers, body.decode()

    def get_bytes(self, path):
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{self.port}{path}", timeout=30) as response:
                return response.status, response.headers, response.read()
        except urllib.error.HTTPError as error:
            return error.code, error.headers, error.read()


@pytest.fixture(scope="module")
def demo(tmp_path_factory):
    with DemoServer(tmp_path_factory.mktemp("demo")) as server:
        yield server


def test_an_archive_imported_beside_the_running_demo_shows_on_its_home_page_at_once(demo, tmp_path):
    status, headers, page = demo.get("/")
    assert status == 200
    assert demo.get("/")[1]["X-Page-Cache"] == "hit"  # the home page is in the server's cache now
    assert "村里的新图书室开门了" not in page

    archive = tmp_path / "archive.jsonl"
    story = {"title": "村里的新图书室开门了", "body": "新图书室今天开门。", "category": "民生", "date": "2099-01-02"}
    archive.write_text(json.dumps(story, ensure_ascii=False) + "\n", encoding="utf-8")
    manage(demo.env, "import_articles", str(archive))

    status, headers, page = demo.get("/")
    assert status == 200
    assert headers["X-Page-Cache"] == "miss"
    assert "村里的新图书室开门了" in page


def test_a_published_edition_imported_beside_the_running_demo_shows_at_once(demo, tmp_path):
    demo.get("/")
    assert demo.get("/")[1]["X-Page-Cache"] == "hit"  # the home page is in the server's cache now
    edition = tmp_path / "edition.txt"
    edition.write_text("## 老街口新装了路灯\n\n老街口新装了十盏路灯。\n\n(记者 王浩)\n", encoding="utf-8")
    manage(demo.env, "import_edition", str(edition), "--date", "2099-01-03", "--publish")

    status, headers, page = demo.get("/")
    assert headers["X-Page-Cache"] == "miss"
    assert "老街口新装了路灯" in page


def test_the_seed_edition_typeset_and_imported_as_the_demo_does_is_a_digital_edition(demo, tmp_path):
    # tools/demo.sh's two steps: typeset the seed text into pages, import it with them.
    pdf = tmp_path / "seed.pdf"
    manage(demo.env, "typeset_edition", str(SEED_EDITION), str(pdf), "--date", "2023-11-28")
    result = manage(
        demo.env, "import_edition", str(SEED_EDITION), "--date", "2023-11-28", "--publish", "--pages", str(pdf)
    )
    assert "在版面上找到 14 篇稿件的位置" in result.stdout
    assert "没有找到" not in result.stderr and "没有对上" not in result.stderr
    number = re.search(r"第 (\d+) 期", result.stdout).group(1)

    status, _, body = demo.get(f"/api/editions/{number}/")
    assert status == 200
    pages = json.loads(body)["pages"]
    assert len(pages) >= 3
    assert sum(len(page["stories"]) for page in pages) == 14
    status, headers, __ = demo.get_bytes(pages[0]["image"])
    assert status == 200 and headers["Content-Type"] == "image/webp"


def test_an_unknown_address_gets_the_designed_404_page_not_the_url_list(demo):
    status, _, page = demo.get("/no-such-page/")
    designed = (PROJECT_DIR / "templates" / "404.html").read_text()
    assert status == 404
    assert "<h1>找不到这个页面</h1>" in designed and "<h1>找不到这个页面</h1>" in page
    assert "Using the URLconf" not in page and "admin/" not in page


def test_the_demo_serves_the_site_and_admin_stylesheets_without_collectstatic(demo):
    status, headers, css = demo.get("/static/css/site.css")
    assert status == 200
    assert headers["Content-Type"].startswith("text/css")
    assert css == (PROJECT_DIR / "static" / "css" / "site.css").read_text()
    status, headers, __ = demo.get("/static/wagtailadmin/css/core.css")  # from Wagtail's app folder
    assert status == 200
    assert headers["Content-Type"].startswith("text/css")


def test_dev_settings_keep_pages_in_files_under_var_shared_by_every_process(tmp_path):
    env = dev_environment(tmp_path)
    script = (
        "from django.conf import settings; import json; print(json.dumps([settings.DEBUG, settings.CACHES['default']]))"
    )
    debug, cache = json.loads(manage(env, "shell", "--no-imports", "-c", script).stdout)
    assert debug is False
    assert cache["BACKEND"] == "bulletin.caching.backends.PageFileCache"
    assert cache["LOCATION"] == str(PROJECT_DIR / "var" / "dev-cache")
