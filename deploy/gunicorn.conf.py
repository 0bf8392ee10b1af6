"""gunicorn settings for tools/serve.sh; each can be overridden from the environment."""

import multiprocessing
import os

wsgi_app = "bulletin.wsgi:application"
bind = os.environ.get("BIND", "127.0.0.1:8000")

# Sync workers: pages are rendered by CPU-bound Django code, and cached pages return at once.
# Two per core, plus one so a slow request (a cache miss, a big search) does not idle a core.
workers = int(os.environ.get("WEB_CONCURRENCY", multiprocessing.cpu_count() * 2 + 1))
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "30"))  # an admin import can take longer: use the command
graceful_timeout = 30
keepalive = 5
# Load Django once in the master and fork the workers from it: less memory, and a worker that
# is replaced boots at once instead of importing Wagtail again (seconds of CPU) while requests wait.
preload_app = True
# Recycle workers now and then so that a slow leak never grows without bound. Cached pages are
# served at hundreds a second, so this is minutes apart, not seconds.
max_requests = 20_000
max_requests_jitter = 2_000

# Trust X-Forwarded-* only from the proxy in front (on this machine by default).
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1,::1")

# Logs to stdout/stderr for systemd's journal; ACCESS_LOG= (empty) turns the access log off.
accesslog = os.environ.get("ACCESS_LOG", "-") or None
errorlog = "-"
