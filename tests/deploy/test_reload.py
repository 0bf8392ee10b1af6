"""`tools/serve.sh reload` (systemd's ExecReload) brings new code into service while readers keep
reading: no request is refused or dropped, and every request after it is served by the new code.

"New code" here is a template the test changes: production keeps templates compiled in memory
(and bulletin/wsgi.py compiles them all before forking), so only a new process shows the change.
The site's settings module adds the test's template directory, so the project stays untouched.
"""

import os
import signal
import threading
import time

import pytest

from .serving import process_exists, serve

SETTINGS = """
from bulletin.settings.production import *  # noqa: F403

TEMPLATES[0]["DIRS"] = [{templates!r}, *TEMPLATES[0]["DIRS"]]  # noqa: F405
"""
NOT_FOUND = "<!DOCTYPE html><title>404</title><p>{version}</p>"

READERS = 4
AFTER_RELOAD = 25  # requests each reader still makes once the reload has returned
# Requests a reader makes at most, whatever happens: enough to outlast a reload of a dozen
# seconds on a busy machine however fast pages answer (at 2,000 the readers of a faster site
# ran out before the reload returned, and the test saw no request after it).
MOST = 20_000


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("reload")
    (tmp / "templates").mkdir()
    (tmp / "templates" / "404.html").write_text(NOT_FOUND.format(version="第一版"))
    (tmp / "reload_settings.py").write_text(SETTINGS.format(templates=str(tmp / "templates")))
    pythonpath = os.pathsep.join(filter(None, [str(tmp), os.environ.get("PYTHONPATH")]))
    with serve(
        tmp,
        f"sqlite:///{tmp / 'db.sqlite3'}",
        # As an operator's nohup starts it: with HUP ignored, which a shell cannot trap.
        launcher=("nohup",),
        DJANGO_SETTINGS_MODULE="reload_settings",
        PYTHONPATH=pythonpath,
        PUBLISH_INTERVAL="60",
    ) as site:
        site.templates = tmp / "templates"
        yield site


def parent_of(pid):
    with open(f"/proc/{pid}/stat") as f:
        return f.read().rsplit(")", 1)[1].split()[1]


def publish_loops(site):
    """PIDs of the publish_scheduled loops serve.sh runs."""
    serve_pid = (site.run_dir / "serve.pid").read_text().strip()
    loops = []
    for stat in os.listdir("/proc"):
        if not stat.isdigit():
            continue
        try:
            parent = parent_of(stat)
            with open(f"/proc/{stat}/cmdline", "rb") as f:
                command = f.read()
        except OSError:
            continue
        if parent == serve_pid and b"publish_scheduled_loop" in command:
            loops.append(int(stat))
    return loops


class Readers:
    """A few threads reading the home page and a not-found page until told to stop."""

    def __init__(self, site):
        self.site = site
        self.results = []  # (started, finished, path, status or the exception, body)
        self.reloaded = threading.Event()
        self.threads = [threading.Thread(target=self.read) for _ in range(READERS)]

    def read(self):
        left_after_reload = AFTER_RELOAD
        for number in range(MOST):
            path = "/" if number % 2 else "/no-such-page/"
            started = time.monotonic()
            try:
                status, _, body = self.site.get(path)
                outcome = (status, body.decode())
            except OSError as error:  # refused, reset, timed out
                outcome = (error, "")
            self.results.append((started, time.monotonic(), path, *outcome))
            if self.reloaded.is_set():
                left_after_reload -= 1
                if not left_after_reload:
                    return

    def __enter__(self):
        for thread in self.threads:
            thread.start()
        return self

    def __exit__(self, *exc):
        self.reloaded.set()
        for thread in self.threads:
            thread.join(timeout=120)


def test_a_reload_under_load_drops_no_request_and_brings_in_the_new_code(site):
    (site.templates / "404.html").write_text(NOT_FOUND.format(version="第二版"))
    # Compiled templates stay in memory: without a reload, the old version is what readers get.
    assert "第一版" in site.get("/no-such-page/")[2].decode()
    old_master = site.master_pid
    old_loops = publish_loops(site)
    assert old_loops

    with Readers(site) as readers:
        time.sleep(1)
        reload_started = time.monotonic()
        result = site.serve_sh("reload")
        reload_finished = time.monotonic()
    assert result.returncode == 0, result.stdout + result.stderr + site.log.read_text()

    failed = [r for r in readers.results if r[3] not in (200, 404)]
    assert not failed, f"{len(failed)} of {len(readers.results)} requests failed, e.g. {failed[:3]}"
    during = [r for r in readers.results if reload_started < r[0] and r[1] < reload_finished]
    assert len(during) >= 20, "the readers were not reading while the reload ran"
    after = [r for r in readers.results if r[0] > reload_finished and r[2] == "/no-such-page/"]
    assert after and all("第二版" in body for *_, body in after)

    assert site.master_pid != old_master
    assert not process_exists(old_master)
    new_loops = publish_loops(site)
    assert new_loops and not set(new_loops) & set(old_loops)  # the publish loop runs the new code too


def test_a_version_that_cannot_start_leaves_the_old_one_serving(site):
    master = site.master_pid
    # bulletin/wsgi.py compiles every template before gunicorn forks: this one stops a new master.
    broken = site.templates / "broken.html"
    broken.write_text("{% if %}")
    try:
        result = site.serve_sh("reload", RELOAD_TIMEOUT="30")
    finally:
        broken.unlink()

    assert result.returncode != 0
    assert "the new version did not start" in result.stderr
    assert site.master_pid == master
    assert site.get("/")[0] == 200


def test_a_late_handover_still_follows_the_new_master(site):
    """On a busy machine the supervising serve.sh may run its handover only after the old master
    has gone and the new one has renamed its PID file: it must follow the new master all the same,
    not lose it and stop serving."""
    serve_pid = int((site.run_dir / "serve.pid").read_text())
    if parent_of(site.master_pid) == str(serve_pid):
        # A stopped serve.sh could not reap its own master, which would never seem to go.
        assert site.serve_sh("reload").returncode == 0
    old_loops = publish_loops(site)
    os.kill(serve_pid, signal.SIGSTOP)  # the reload's HUP waits until the reload is over
    try:
        result = site.serve_sh("reload")
    finally:
        os.kill(serve_pid, signal.SIGCONT)
    assert result.returncode == 0, result.stderr

    new_loops = []
    for _ in range(600):  # the handover restarts the publish loop
        new_loops = [pid for pid in publish_loops(site) if pid not in old_loops]
        if new_loops:
            break
        time.sleep(0.1)
    assert new_loops
    # serve.sh still supervises the master it now follows: it can bring in yet another version.
    assert site.serve_sh("reload").returncode == 0
    assert site.get("/")[0] == 200
