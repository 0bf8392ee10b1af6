"""Local development: debug on, any host, an insecure key that never leaves the laptop."""

from .base import *  # noqa: F401,F403
from .base import SITE_URL, env_list

DEBUG = True
SECRET_KEY = "dev-only-insecure-key-do-not-use-in-production"
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "localhost,127.0.0.1,[::1],testserver")
EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"

# --- The site's public address (see base.py) ---
SITE_URL = SITE_URL or "http://127.0.0.1:8000"  # where tools/demo.sh serves
WAGTAILADMIN_BASE_URL = SITE_URL
