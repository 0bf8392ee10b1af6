"""tools/serve.sh started for real, for the tests that need the site as production runs it."""

import contextlib
import http.cookies
import math
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
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.conftest import PROJECT_DIR

NGINX = shutil.which("nginx") or "/usr/sbin/nginx"


@dataclass
class Site:
    url: str
    env: dict
    static_root: Path
    log: Path
    run_dir: Path

    def manage(self, *args):
        result = subprocess.run(
            [sys.executable, "manage.py", *args],
            cwd=PROJECT_DIR,
            env=self.env,
            capture_output=True,
            text=True,
            timeout=120,
        )
        assert result.returncode == 0, result.stdout + result.stderr
        return result.stdout

    def run(self, script, **values):
        """Run a Python script in the site's environment; returns what it printed."""
        return self.manage("shell", "--no-imports", "-c", script.format(**values))

    def get(self, path, https=True, timeout=30, **headers):
        """GET without following redirects; behind nginx every request arrives marked https."""
        if https:
            headers["X-Forwarded-Proto"] = "https"
        request = urllib.request.Request(self.url + path, headers=headers)
        opener = urllib.request.build_opener(NoRedirects)
        try:
            with opener.open(request, timeout=timeout) as response:
                return response.status, response.headers, response.read()
        except urllib.error.HTTPError as error:
            return error.code, error.headers, error.read()

    def serve_sh(self, *args, timeout=300, **env):
        """Run tools/serve.sh with the site's environment (e.g. `reload`) and return the result."""
        return subprocess.run(
            ["tools/serve.sh", *args],
            cwd=PROJECT_DIR,
            env={**self.env, **env},
            capture_output=True,
            text=True,
            timeout=timeout,
        )

    @property
    def master_pid(self):
        """The gunicorn master serving now, from the PID file serve.sh keeps."""
        return int((self.run_dir / "gunicorn.pid").read_text())


class NoRedirects(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def process_exists(pid):
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    return True


def production_environment(**settings):
    """This environment with production settings and what they require, then ``settings``.

    The machine's own DJANGO_* and SECURE_* variables are dropped, and Elasticsearch with them:
    a test says what it wants.
    """
    env = {key: value for key, value in os.environ.items() if not key.startswith(("DJANGO_", "SECURE_"))}
    env.pop("ELASTICSEARCH_URL", None)
    env.update(
        DJANGO_SETTINGS_MODULE="bulletin.settings.production",
        SECRET_KEY=secrets.token_urlsafe(50),
        SITE_URL="https://news.example.cn",
        ALLOWED_HOSTS="news.example.cn",
    )
    env.update(settings)
    return env


@contextlib.contextmanager
def serve(tmp, database_url, launcher=(), **settings):
    """Run tools/serve.sh on a free loopback port with production settings and files under tmp,
    through ``launcher`` (e.g. ``("nohup",)``) if given."""
    port = free_port()
    env = production_environment(
        SITE_URL=f"http://127.0.0.1:{port}",
        ALLOWED_HOSTS="127.0.0.1",
        DATABASE_URL=database_url,
        CACHE_URL=f"file://{tmp / 'cache'}",
        STATIC_ROOT=str(tmp / "static"),
        MEDIA_ROOT=str(tmp / "media"),
        RUN_DIR=str(tmp / "run"),
        BIND=f"127.0.0.1:{port}",
        WEB_CONCURRENCY="2",
        PUBLISH_INTERVAL="1",
        ACCESS_LOG="",
    )
    env.update(settings)
    log = tmp / "serve.log"
    with open(log, "w") as output:
        server = subprocess.Popen(
            [*launcher, "tools/serve.sh"],
            cwd=PROJECT_DIR,
            env=env,
            stdout=output,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    site = Site(f"http://127.0.0.1:{port}", env, tmp / "static", log, tmp / "run")
    try:
        wait_until_serving(site, server)
        yield site
    finally:
        # The whole process group: after a reload the gunicorn master is no child of serve.sh.
        os.killpg(server.pid, signal.SIGTERM)
        try:
            server.wait(timeout=60)
        except subprocess.TimeoutExpired:
            os.killpg(server.pid, signal.SIGKILL)
            server.wait()


def wait_until_serving(site, server, within=120):
    deadline = time.monotonic() + within
    while time.monotonic() < deadline:
        if server.poll() is not None:
            pytest.fail(f"tools/serve.sh exited with {server.returncode}:\n{site.log.read_text()}")
        try:
            site.get("/")
            return
        except OSError:
            time.sleep(0.5)
    pytest.fail(f"tools/serve.sh did not answer within {within}s:\n{site.log.read_text()}")


def wait_for_status(site, path, status, within=30):
    deadline = time.monotonic() + within
    while time.monotonic() < deadline:
        if site.get(path)[0] == status:
            return True
        time.sleep(0.5)
    return False


class Browser:
    """Posts admin forms as a browser does: cookies kept, the form's CSRF token sent back.
    (Production's cookies are Secure; this plain-http client keeps them as a browser behind TLS would.)"""

    def __init__(self, site, origin, **headers):
        self.site, self.origin, self.headers = site, origin, headers
        self.cookies = http.cookies.SimpleCookie()
        self.opener = urllib.request.build_opener(NoRedirects)

    def open(self, path, data=None):
        headers = {"X-Forwarded-Proto": "https", **self.headers}
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{name}={morsel.value}" for name, morsel in self.cookies.items())
        request = urllib.request.Request(self.site.url + path, data=data, headers=headers)
        try:
            response = self.opener.open(request, timeout=30)
        except urllib.error.HTTPError as error:
            response = error
        with response:
            for cookie in response.headers.get_all("Set-Cookie") or []:
                self.cookies.load(cookie)
            return response.status, response.read().decode()

    def csrf_token(self, path):
        status, form = self.open(path)
        assert status == 200, form
        return re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', form).group(1)

    def post(self, path, **fields):
        """Submit the form at ``path`` with the CSRF token of that page, as a browser does."""
        token = self.csrf_token(path)
        self.headers["Referer"] = self.origin + path  # Django's CSRF check wants it on https
        return self.open(path, urllib.parse.urlencode({"csrfmiddlewaretoken": token, **fields}).encode())

    def login(self, username, password):
        return self.post("/admin/login/", username=username, password=password)


NGINX_CONF = """
worker_processes 1;
pid {dir}/nginx.pid;
error_log {dir}/error.log;
daemon off;
events {{ worker_connections 64; }}
http {{
    access_log off;
    client_body_temp_path {dir}/body;
    proxy_temp_path {dir}/proxy;
    fastcgi_temp_path {dir}/fastcgi;
    uwsgi_temp_path {dir}/uwsgi;
    scgi_temp_path {dir}/scgi;
    proxy_cache_path {dir}/cache keys_zone=bulletin_pages:1m;
    {http}
    upstream bulletin {{ {upstreams} }}
    server {{
        listen 127.0.0.1:{port};
        set $forwarded_proto https;  # as behind a TLS proxy
        {includes}
    }}
}}
"""


@contextlib.contextmanager
def nginx_in_front(sites, includes, http=""):
    """nginx on a loopback port in front of ``sites`` (one served site, or several that it
    balances round-robin, as deploy/nginx.conf's upstream lists app servers), its server block
    made of the ``includes`` (deploy/ snippets as shipped, or copies the test adapted), with
    ``http`` lines for the http block (zones that deploy/nginx.conf declares)."""
    sites = [sites] if isinstance(sites, Site) else list(sites)
    if not Path(NGINX).exists():
        if os.environ.get("CI"):
            pytest.fail(f"{NGINX} is missing (apt-get install nginx-light)")
        pytest.skip(f"{NGINX} is missing")
    # Not under pytest's private tmp: nginx's workers run as an unprivileged user.
    directory = Path(tempfile.mkdtemp(prefix="bulletin-nginx-"))
    directory.chmod(0o755)
    port = free_port()
    conf = directory / "nginx.conf"
    conf.write_text(
        NGINX_CONF.format(
            dir=directory,
            port=port,
            upstreams=" ".join(f"server {site.url.removeprefix('http://')};" for site in sites),
            http=http,
            includes="\n        ".join(f"include {path};" for path in includes),
        )
    )
    server = subprocess.Popen([NGINX, "-c", str(conf)], stderr=subprocess.PIPE, text=True)
    front = Site(f"http://127.0.0.1:{port}", sites[0].env, sites[0].static_root, sites[0].log, sites[0].run_dir)
    try:
        for _ in range(100):
            if server.poll() is not None:
                pytest.fail(f"nginx exited: {server.stderr.read()}")
            try:
                front.get("/", https=False)
                break
            except OSError:
                time.sleep(0.1)
        yield front
    finally:
        server.terminate()
        server.wait(timeout=30)
        shutil.rmtree(directory, ignore_errors=True)


def wait_out_nginx_microcache(filled_at):
    """nginx keeps a page for "1s" counted in whole seconds (valid until the second after the one
    it was stored in has passed), so a copy stored at ``filled_at`` is gone at most this long
    after, never sooner: wait that long and no longer."""
    time.sleep(max(0.0, math.floor(filled_at) + 2 - time.time()))
