"""bulletin.settings.production, loaded the way a server loads it: a new process, settings from
the environment."""

import json
import subprocess
import sys

import pytest

from tests.conftest import PROJECT_DIR

from .serving import production_environment

SETTINGS_AS_JSON = """
import json
from django.conf import settings
print(json.dumps({
    "DEBUG": settings.DEBUG,
    "ALLOWED_HOSTS": settings.ALLOWED_HOSTS,
    "CSRF_TRUSTED_ORIGINS": settings.CSRF_TRUSTED_ORIGINS,
    "DATABASE": settings.DATABASES["default"]["NAME"],
    "CACHE": settings.CACHES["default"],
    "STATIC_ROOT": str(settings.STATIC_ROOT),
    "MEDIA_ROOT": str(settings.MEDIA_ROOT),
    "STATICFILES": settings.STORAGES["staticfiles"]["BACKEND"],
    "ELASTICSEARCH_URL": settings.ELASTICSEARCH_URL,
    "SESSION_COOKIE_SECURE": settings.SESSION_COOKIE_SECURE,
    "CSRF_COOKIE_SECURE": settings.CSRF_COOKIE_SECURE,
    "SECURE_SSL_REDIRECT": settings.SECURE_SSL_REDIRECT,
    "SECURE_HSTS_SECONDS": settings.SECURE_HSTS_SECONDS,
    "SECURE_PROXY_SSL_HEADER": settings.SECURE_PROXY_SSL_HEADER,
}))
"""


@pytest.fixture
def production_env(tmp_path):
    return production_environment(
        CSRF_TRUSTED_ORIGINS="https://news.example.cn",
        DATABASE_URL=f"sqlite:///{tmp_path / 'db.sqlite3'}",
        CACHE_URL=f"file://{tmp_path / 'cache'}",
        STATIC_ROOT=str(tmp_path / "static"),
        MEDIA_ROOT=str(tmp_path / "media"),
    )


def manage(env, *args):
    return subprocess.run(
        [sys.executable, "manage.py", *args], cwd=PROJECT_DIR, env=env, capture_output=True, text=True, timeout=120
    )


def production_settings(env):
    result = manage(env, "shell", "--no-imports", "-c", SETTINGS_AS_JSON)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def test_the_deployment_checklist_passes(production_env):
    result = manage(production_env, "check", "--deploy", "--fail-level", "WARNING")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout + result.stderr


def test_settings_come_from_the_environment_with_safe_defaults(production_env, tmp_path):
    production_env["ELASTICSEARCH_URL"] = "http://127.0.0.1:9200"
    settings = production_settings(production_env)
    assert settings["DEBUG"] is False
    assert settings["ALLOWED_HOSTS"] == ["news.example.cn"]
    assert settings["CSRF_TRUSTED_ORIGINS"] == ["https://news.example.cn"]
    assert settings["DATABASE"] == str(tmp_path / "db.sqlite3")
    assert settings["CACHE"]["BACKEND"] == "bulletin.caching.backends.PageFileCache"
    assert settings["CACHE"]["LOCATION"] == str(tmp_path / "cache")
    assert settings["STATIC_ROOT"] == str(tmp_path / "static")
    assert settings["MEDIA_ROOT"] == str(tmp_path / "media")
    assert settings["STATICFILES"] == "whitenoise.storage.CompressedManifestStaticFilesStorage"
    assert settings["ELASTICSEARCH_URL"] == "http://127.0.0.1:9200"
    assert settings["SESSION_COOKIE_SECURE"] and settings["CSRF_COOKIE_SECURE"]
    assert settings["SECURE_SSL_REDIRECT"] is True
    assert settings["SECURE_HSTS_SECONDS"] >= 60 * 60 * 24 * 180
    assert settings["SECURE_PROXY_SSL_HEADER"] == ["HTTP_X_FORWARDED_PROTO", "https"]


def test_switches_turn_debug_on_and_https_enforcement_off(production_env):
    production_env.update(
        DJANGO_DEBUG="true", SECURE_SSL_REDIRECT="false", SECURE_HSTS_SECONDS="0", SECURE_COOKIES="false"
    )
    settings = production_settings(production_env)
    assert settings["DEBUG"] is True
    assert settings["SECURE_SSL_REDIRECT"] is False
    assert settings["SECURE_HSTS_SECONDS"] == 0
    assert settings["SESSION_COOKIE_SECURE"] is False


def test_a_missing_secret_key_is_a_clear_error(production_env):
    del production_env["SECRET_KEY"]
    result = manage(production_env, "check")
    assert result.returncode != 0
    assert "Set SECRET_KEY in the environment" in result.stderr


WRITE_WHILE_ANOTHER_WRITES = """
import sqlite3, threading
from django.conf import settings
from django.db import connection, transaction

with connection.cursor() as cursor:
    cursor.execute("CREATE TABLE story (title TEXT)")
# Another process's write (an import batch, a publish) holds the database for 6 s ...
other = sqlite3.connect(settings.DATABASES["default"]["NAME"], check_same_thread=False)
other.execute("BEGIN IMMEDIATE")
other.execute("INSERT INTO story VALUES ('导入的稿件')")
threading.Timer(6, other.commit).start()
# ... while this one publishes.
with transaction.atomic(), connection.cursor() as cursor:
    cursor.execute("INSERT INTO story VALUES ('发布的稿件')")
with connection.cursor() as cursor:
    cursor.execute("SELECT title FROM story ORDER BY rowid")
    print(",".join(title for (title,) in cursor.fetchall()))
"""


def test_on_sqlite_a_write_waits_for_another_rather_than_failing_as_locked(production_env):
    # Python's sqlite3 gives up after 5 s with "database is locked"; the settings wait longer.
    result = manage(production_env, "shell", "--no-imports", "-c", WRITE_WHILE_ANOTHER_WRITES)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "导入的稿件,发布的稿件"
