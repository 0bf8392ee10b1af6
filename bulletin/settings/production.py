"""Production: everything secret or site-specific comes from the environment.

Required:  SECRET_KEY, SITE_URL (https://news.example.cn), ALLOWED_HOSTS (comma-separated host names).
Usual:     DATABASE_URL (postgres://user:pass@host:5432/name; default: the SQLite file),
           CSRF_TRUSTED_ORIGINS (https://news.example.cn),
           ELASTICSEARCH_URL, STATIC_ROOT, MEDIA_ROOT, CACHE_URL (see bulletin/caching/cache_url.py).
Switches:  DJANGO_DEBUG, SECURE_SSL_REDIRECT, SECURE_HSTS_SECONDS, SECURE_HSTS_INCLUDE_SUBDOMAINS,
           SECURE_HSTS_PRELOAD, SECURE_COOKIES, TRUST_X_FORWARDED_PROTO, SERVE_MEDIA,
           TRUST_X_REAL_IP.
Files:     SENDFILE_URL (nginx's internal location for documents, e.g. /internal-media/).
Mail:      EMAIL_HOST, EMAIL_PORT, EMAIL_HOST_USER, EMAIL_HOST_PASSWORD, EMAIL_USE_TLS,
           DEFAULT_FROM_EMAIL (workflow notifications); without EMAIL_HOST mail goes to the log.
Database:  DATABASE_CONN_MAX_AGE (seconds a connection is kept, default 60),
           DATABASE_CONNECT_TIMEOUT (seconds to wait for PostgreSQL to answer, default 5).
Logging:   LOG_LEVEL (default WARNING).
Reports:   CSP_REPORT_URI, where browsers report Content-Security-Policy violations (read in base.py).
"""

import os

from django.core.exceptions import ImproperlyConfigured

from bulletin.caching.cache_url import parse_cache_url

from .base import *  # noqa: F401,F403
from .base import BASE_DIR, DATABASES, MEDIA_ROOT, SITE_URL, STORAGES, env_bool, env_list

DEBUG = env_bool("DJANGO_DEBUG", False)

SECRET_KEY = os.environ.get("SECRET_KEY", "")
if not SECRET_KEY:
    raise ImproperlyConfigured(
        "Set SECRET_KEY in the environment, e.g. "
        "SECRET_KEY=$(python -c 'import secrets; print(secrets.token_urlsafe(50))')"
    )
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "localhost,127.0.0.1")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

# Keep database connections between requests (gunicorn's sync workers reuse them safely).
DATABASES["default"]["CONN_MAX_AGE"] = int(os.environ.get("DATABASE_CONN_MAX_AGE", "60"))
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True

# While PostgreSQL is unreachable, a request gets the error page after at most this many seconds
# instead of holding its worker until gunicorn kills it (libpq waits as long as the operating
# system does, minutes, for a host that does not answer). The health check above replaces a
# connection the restart broke, so the site recovers by itself when the database is back.
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    DATABASES["default"].setdefault("OPTIONS", {})["connect_timeout"] = int(
        os.environ.get("DATABASE_CONNECT_TIMEOUT", "5")
    )

# One cache every gunicorn worker and the publish_scheduled loop share, so a publish in any
# process empties the page cache for all of them.
CACHES = {"default": parse_cache_url(os.environ.get("CACHE_URL", f"file://{BASE_DIR / 'var' / 'cache'}"))}

# Static files: hashed names, pre-compressed, served by whitenoise with far-future cache headers.
STORAGES["staticfiles"] = {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"}

# Image renditions (MEDIA_ROOT/images/): Django serves them unless a web server in front does
# (then set SERVE_MEDIA=false). Documents and image originals are never served from /media/.
SERVE_MEDIA = env_bool("SERVE_MEDIA", True)

# HTTPS. The site normally sits behind a proxy (nginx, a load balancer) that terminates TLS and
# sets X-Forwarded-Proto; that proxy must overwrite the header, never pass a client's through.
if env_bool("TRUST_X_FORWARDED_PROTO", True):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", str(60 * 60 * 24 * 365)))
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", True)
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", False)
if not SECURE_HSTS_PRELOAD:
    # Joining browsers' preload list is a one-way decision for the site owner, not a default.
    SILENCED_SYSTEM_CHECKS = ["security.W021"]
SESSION_COOKIE_SECURE = CSRF_COOKIE_SECURE = env_bool("SECURE_COOKIES", True)

if os.environ.get("EMAIL_HOST"):
    EMAIL_HOST = os.environ["EMAIL_HOST"]
    EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "587"))
    EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
    EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
    EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", True)
else:
    EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"
DEFAULT_FROM_EMAIL = SERVER_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "webmaster@localhost")

# Warnings and errors go to stderr, where gunicorn and systemd's journal collect them. (At INFO,
# Wagtail logs every page save and background task; the admin's history keeps those anyway.)
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "WARNING")},
}


# --- Private files and password guessing (issue 9, items 1 and 6) ---------------------------
# Behind nginx, a document the app has let a reader have is sent by nginx from an `internal`
# location (deploy/nginx-media.conf) named by SENDFILE_URL, through X-Accel-Redirect; without
# it, gunicorn streams the file.
if os.environ.get("SENDFILE_URL"):
    SENDFILE_BACKEND = "django_sendfile.backends.nginx"
    SENDFILE_ROOT = str(MEDIA_ROOT)
    SENDFILE_URL = os.environ["SENDFILE_URL"]

# Lockouts count per address: behind nginx every request comes from 127.0.0.1, so the client's
# address is taken from X-Real-IP, which deploy/nginx-proxy.conf overwrites with the address
# nginx saw. Turn this off when clients reach gunicorn directly (they could send any X-Real-IP).
if env_bool("TRUST_X_REAL_IP", True):
    AXES_CLIENT_IP_CALLABLE = "bulletin.lockout.client.address_from_proxy"

# --- The site's public address (see base.py) ---
# No default: a guess would put the wrong address into every sitemap, feed and e-mail.
if not SITE_URL:
    raise ImproperlyConfigured(
        "Set SITE_URL in the environment to the address readers use, e.g. SITE_URL=https://news.example.cn"
    )
WAGTAILADMIN_BASE_URL = SITE_URL
