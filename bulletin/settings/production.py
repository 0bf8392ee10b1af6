"""Production: everything secret or site-specific comes from the environment.

Required:  SECRET_KEY, ALLOWED_HOSTS (comma-separated host names).
Usual:     DATABASE_URL (postgres://user:pass@host:5432/name; default: the SQLite file),
           CSRF_TRUSTED_ORIGINS (https://news.example.cn), WAGTAILADMIN_BASE_URL,
           ELASTICSEARCH_URL, STATIC_ROOT, MEDIA_ROOT, CACHE_URL (see bulletin/caching/cache_url.py).
Switches:  DJANGO_DEBUG, SECURE_SSL_REDIRECT, SECURE_HSTS_SECONDS, SECURE_HSTS_INCLUDE_SUBDOMAINS,
           SECURE_HSTS_PRELOAD, SECURE_COOKIES, TRUST_X_FORWARDED_PROTO, SERVE_MEDIA.
Mail:      EMAIL_HOST, EMAIL_PORT, EMAIL_HOST_USER, EMAIL_HOST_PASSWORD, EMAIL_USE_TLS,
           DEFAULT_FROM_EMAIL (workflow notifications); without EMAIL_HOST mail goes to the log.
Database:  DATABASE_CONN_MAX_AGE (seconds a connection is kept, default 60),
           DATABASE_CONNECT_TIMEOUT (seconds to wait for PostgreSQL to answer, default 5).
Logging:   LOG_LEVEL (default WARNING).
"""

import os

from django.core.exceptions import ImproperlyConfigured

from bulletin.caching.cache_url import parse_cache_url

from .base import *  # noqa: F401,F403
from .base import BASE_DIR, DATABASES, STORAGES, env_bool, env_list

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
    DATABASES["default"].setdefault("OPTIONS", {})["connect_timeout"] = int(os.environ.get("DATABASE_CONNECT_TIMEOUT", "5"))

# One cache every gunicorn worker and the publish_scheduled loop share, so a publish in any
# process empties the page cache for all of them.
CACHES = {"default": parse_cache_url(os.environ.get("CACHE_URL", f"file://{BASE_DIR / 'var' / 'cache'}"))}

# Static files: hashed names, pre-compressed, served by whitenoise with far-future cache headers.
STORAGES["staticfiles"] = {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"}

# Uploaded images and documents: Django serves them unless a web server in front does
# (then set SERVE_MEDIA=false and point it at MEDIA_ROOT).
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
