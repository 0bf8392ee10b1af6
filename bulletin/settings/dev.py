"""Local development and tools/demo.sh: an insecure key that never leaves the laptop.

DEBUG is off unless DJANGO_DEBUG=1: someone trying the demo sees the site as readers will, with
its designed 404 and 500 pages, not Django's debug pages (which list every URL pattern). Errors
still reach the terminal with their traceback (LOGGING below). Turn DEBUG on for code work.
"""

import os

from bulletin.caching.cache_url import parse_cache_url

from .base import *  # noqa: F401,F403
from .base import BASE_DIR, SITE_URL, env_bool, env_list

DEBUG = env_bool("DJANGO_DEBUG", False)
SECRET_KEY = "dev-only-insecure-key-do-not-use-in-production"
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "localhost,127.0.0.1,[::1],testserver")
EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"

# Without DEBUG, runserver serves no static files: whitenoise (in MIDDLEWARE) serves them from the
# apps' and static/ folders as they are now, with no collectstatic, as the test settings do.
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True
# Image renditions are served by Django too (see bulletin/urls.py).
SERVE_MEDIA = True

# The page cache in files under var/, as in production, not in the server's memory: an
# import_articles or import_edition --publish run in another terminal empties it (a new cache
# generation, bulletin/caching/pagecache.py), so the running demo shows the new stories at once.
CACHES = {"default": parse_cache_url(os.environ.get("CACHE_URL", f"file://{BASE_DIR / 'var' / 'dev-cache'}"))}

# Errors and their tracebacks in the terminal that runs the server (with DEBUG off, Django's
# default logging would only mail them to ADMINS).
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "WARNING")},
    "loggers": {
        # runserver's request lines ("GET / 200"), as Django prints them by default.
        "django.server": {"handlers": ["console"], "level": "INFO", "propagate": False},
    },
}

# --- The site's public address (see base.py) ---
SITE_URL = SITE_URL or "http://127.0.0.1:8000"  # where tools/demo.sh serves
WAGTAILADMIN_BASE_URL = SITE_URL
