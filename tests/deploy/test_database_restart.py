"""PostgreSQL restarted under a running site: readers get the error page at once while it is down,
and the same gunicorn keeps serving once it is back (production settings keep connections
between requests, CONN_MAX_AGE, and check them before reuse, CONN_HEALTH_CHECKS).

The cluster is a throwaway one of this test's own (tools/postgres.sh on a free port): the shared
server other suites use is never stopped.
"""

import glob
import os
import shutil
import socket
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest

from tests.conftest import PROJECT_DIR

from .serving import free_port, production_environment, serve

# Twice as many requests as serve() starts workers, so that every worker answers some.
REQUESTS = 6
# Far above what failing fast takes, far below a hang (gunicorn would kill the worker at 30 s).
ERROR_PAGE_WITHIN = 15


class Cluster:
    def __init__(self, directory):
        self.env = {**os.environ, "PG_DIR": str(directory / "data"), "PG_PORT": str(free_port())}

    def postgres_sh(self, *args):
        result = subprocess.run(
            ["tools/postgres.sh", *args], cwd=PROJECT_DIR, env=self.env, capture_output=True, text=True, timeout=120
        )
        assert result.returncode == 0, result.stdout + result.stderr
        return result.stdout.strip()

    def start(self):
        return self.postgres_sh()

    def stop(self):
        self.postgres_sh("stop")  # pg_ctl stop -m fast: open connections are cut


@pytest.fixture(scope="module")
def cluster():
    if not glob.glob("/usr/lib/postgresql/*/bin/pg_ctl"):
        if os.environ.get("CI"):
            pytest.fail("PostgreSQL is missing (apt-get install postgresql)")
        pytest.skip("PostgreSQL is missing")
    # Not under pytest's private tmp: the server runs as the postgres user when tests run as root.
    directory = Path(tempfile.mkdtemp(prefix="bulletin-pg-restart-"))
    directory.chmod(0o755)
    cluster = Cluster(directory)
    try:
        cluster.url = cluster.start()
        yield cluster
    finally:
        subprocess.run(
            ["tools/postgres.sh", "stop"], cwd=PROJECT_DIR, env=cluster.env, capture_output=True, timeout=120
        )
        shutil.rmtree(directory, ignore_errors=True)


@pytest.fixture(scope="module")
def site(tmp_path_factory, cluster):
    # The page cache off: every request needs the database.
    with serve(tmp_path_factory.mktemp("pg-restart"), cluster.url, PAGE_CACHE_TIMEOUT="0") as site:
        yield site


def read_home_page(site):
    return [site.get("/", timeout=ERROR_PAGE_WITHIN)[0] for _ in range(REQUESTS)]


def test_connections_kept_across_a_restart_are_replaced_before_any_reader_sees_an_error(site, cluster):
    assert read_home_page(site) == [200] * REQUESTS  # every worker now holds a connection
    master = site.master_pid

    cluster.stop()
    cluster.start()

    assert read_home_page(site) == [200] * REQUESTS
    assert site.master_pid == master


def test_readers_get_the_error_page_at_once_while_postgresql_is_down_and_pages_when_it_is_back(site, cluster):
    master = site.master_pid
    cluster.stop()
    try:
        for _ in range(REQUESTS):
            # A hang would raise TimeoutError here.
            status, _, body = site.get("/", timeout=ERROR_PAGE_WITHIN)
            assert status == 500
            assert "网站暂时出错" in body.decode()  # templates/500.html, not a traceback
    finally:
        cluster.start()

    assert read_home_page(site) == [200] * REQUESTS
    assert site.master_pid == master


def test_a_database_server_that_does_not_answer_fails_the_connection_after_the_connect_timeout():
    """A host that is down or cut off answers nothing; without connect_timeout libpq would wait minutes."""
    with socket.socket() as silent:
        # The kernel completes the handshake; nobody ever answers PostgreSQL's startup message.
        silent.bind(("127.0.0.1", 0))
        silent.listen()
        env = production_environment(
            DATABASE_URL=f"postgres://postgres@127.0.0.1:{silent.getsockname()[1]}/bulletin",
            DATABASE_CONNECT_TIMEOUT="2",
        )
        result = subprocess.run(
            [
                sys.executable,
                "manage.py",
                "shell",
                "--no-imports",
                "-c",
                "from django.db import connection; connection.ensure_connection()",
            ],
            cwd=PROJECT_DIR,
            env=env,
            capture_output=True,
            text=True,
            timeout=ERROR_PAGE_WITHIN * 4,  # a hang fails the test here
        )
    assert result.returncode != 0
    assert "timeout expired" in result.stderr
