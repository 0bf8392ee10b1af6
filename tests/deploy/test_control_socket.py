"""gunicorn's control socket, which we never use, is not opened.

gunicorn (25.1 on) opens one by default at one fixed path per user, $XDG_RUNTIME_DIR/gunicorn.ctl
or ~/.gunicorn/gunicorn.ctl, whatever the configuration's bind address or PID file: every master
started by the same user shares it. Two app servers on one machine, or the old and the new master
during `tools/serve.sh reload`, each remove the other's socket to bind their own, and the first to
stop removes the path the other still listens on; `gunicornc` would command whichever bound last.

Two masters run as tools/serve.sh starts them (deploy/gunicorn.conf.py, production settings) under
one home directory. Each logs the point where it would open the socket ("Control socket disabled"
at debug level, or where it listens): once both have passed it, neither may have opened one.
"""

import os
import signal
import subprocess
import time

import pytest

from tests.conftest import PROJECT_DIR

from .serving import free_port, production_environment

# gunicorn's log lines at the point its master opens the control socket, or would.
DISABLED = "Control socket disabled"
LISTENING = "Control socket listening"


def start_master(tmp_path, name, home):
    log = tmp_path / f"{name}.log"
    env = production_environment(
        HOME=str(home),
        BIND=f"127.0.0.1:{free_port()}",
        WEB_CONCURRENCY="1",
        ACCESS_LOG="",
        GUNICORN_PIDFILE=str(tmp_path / f"{name}.pid"),
        # Debug level, for the line that says the socket is not opened.
        GUNICORN_CMD_ARGS="--log-level debug",
        DATABASE_URL=f"sqlite:///{tmp_path / 'db.sqlite3'}",  # never opened: no request is made
    )
    env.pop("XDG_RUNTIME_DIR", None)  # as under systemd without a user session: the home directory
    with open(log, "w") as output:
        process = subprocess.Popen(
            [".venv/bin/gunicorn", "--config", "deploy/gunicorn.conf.py"],
            cwd=PROJECT_DIR,
            env=env,
            stdout=output,
            stderr=subprocess.STDOUT,
        )
    return process, log


def wait_for_control_socket_line(process, log, within=120):
    deadline = time.monotonic() + within
    while time.monotonic() < deadline:
        text = log.read_text()
        if DISABLED in text or LISTENING in text:
            return text
        if process.poll() is not None:
            pytest.fail(f"gunicorn exited with {process.returncode}:\n{text}")
        time.sleep(0.2)
    pytest.fail(f"gunicorn never reached its control socket within {within}s:\n{log.read_text()}")


def test_two_masters_open_no_control_socket(tmp_path):
    home = tmp_path / "home"
    home.mkdir()
    masters = [start_master(tmp_path, name, home) for name in ("first", "second")]
    try:
        logs = [wait_for_control_socket_line(*master) for master in masters]
        assert all(process.poll() is None for process, _log in masters)
        assert [LISTENING in text for text in logs] == [False, False]
        assert not (home / ".gunicorn").exists()
    finally:
        for process, _log in masters:
            process.send_signal(signal.SIGTERM)
        for process, _log in masters:
            try:
                process.wait(timeout=60)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()
    assert os.listdir(home) == []
