"""The test suite: fast hashing, in-memory mail, the database named by DATABASE_URL."""

from .base import *  # noqa: F401,F403

DEBUG = False
SECRET_KEY = "test-only-key"
ALLOWED_HOSTS = ["*"]
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
WAGTAILADMIN_BASE_URL = "http://testserver"
# Elasticsearch keeps its index when a test's database rolls back, so no test writes to it by
# default; the search tests point the engine at os.environ["ELASTICSEARCH_URL"] with an index
# of their own (tests/search/conftest.py).
ELASTICSEARCH_URL = ""
# Tests never run collectstatic: look files up when asked instead of warning, in every test,
# that STATIC_ROOT does not exist.
WHITENOISE_AUTOREFRESH = True
