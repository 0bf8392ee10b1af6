"""gunicorn settings for tools/serve.sh; each can be overridden from the environment."""

import multiprocessing
import os

wsgi_app = "bulletin.wsgi:application"
bind = os.environ.get("BIND", "127.0.0.1:8000")
# tools/serve.sh reload finds the master here (serve.sh sets it; unset, no PID file is written).
pidfile = os.environ.get("GUNICORN_PIDFILE")

# Sync workers, one per core plus one. Pages are rendered by CPU-bound Django code and cached
# pages return at once, so more workers than cores only take turns on them: on two cores, three
# workers render 12% more uncached pages per second than five, with a shorter tail (bench/load.py).
# The extra one keeps a core busy while another worker waits on the database or Elasticsearch.
workers = int(os.environ.get("WEB_CONCURRENCY", multiprocessing.cpu_count() + 1))
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "30"))  # an admin import can take longer: use the command
graceful_timeout = 30
# Load Django once in the master and fork the workers from it: less memory, and a worker that
# is replaced boots at once instead of importing Wagtail again (seconds of CPU) while requests wait.
# The price: HUP no longer loads new code, so tools/serve.sh reload starts a new master (USR2).
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

# No control socket (gunicornc): tools/serve.sh steers the master with signals. gunicorn opens it
# by default at one path per user (~/.gunicorn/gunicorn.ctl), shared by every master the user
# runs: two app servers on one machine, or the old and new master of a reload, would take it
# from each other, and the first to stop would delete the other's.
control_socket_disable = True
