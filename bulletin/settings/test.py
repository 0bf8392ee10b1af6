"""The test suite: fast hashing, in-memory mail, the database named by DATABASE_URL."""

from .base import *  # noqa: F401,F403
from .base import SITE_URL

DEBUG = False
SECRET_KEY = "test-only-key"
ALLOWED_HOSTS = ["*"]
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
# Elasticsearch keeps its index when a test's database rolls back, so no test writes to it by
# default; the search tests point the engine at os.environ["ELASTICSEARCH_URL"] with an index
# of their own (tests/search/conftest.py).
ELASTICSEARCH_URL = ""
# Tests never run collectstatic: look files up when asked instead of warning, in every test,
# that STATIC_ROOT does not exist.
WHITENOISE_AUTOREFRESH = True

# --- The site's public address (see base.py) ---
SITE_URL = SITE_URL or "http://testserver"  # the host Django's test client sends
WAGTAILADMIN_BASE_URL = SITE_URL
