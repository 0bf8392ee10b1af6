"""Settings shared by every environment. Environment-specific files import * from here."""

import os
from datetime import timedelta
from pathlib import Path

import dj_database_url
from csp.constants import NONE, SELF, UNSAFE_INLINE

PROJECT_DIR = Path(__file__).resolve().parent.parent
BASE_DIR = PROJECT_DIR.parent


def env_bool(name, default=False):
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name, default=""):
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


INSTALLED_APPS = [
    "home",
    "search",
    "bulletin.people",
    "bulletin.topics",
    "bulletin.editions",
    "bulletin.epaper",
    "bulletin.stories",
    "bulletin.related",
    "bulletin.importing",
    "bulletin.workflow",
    "bulletin.contributions",
    "bulletin.desk",
    "bulletin.explorer",
    "bulletin.admin_chinese",
    "bulletin.branding",
    "bulletin.caching",
    "bulletin.siteurl",
    "bulletin.seo",
    "bulletin.ops",
    "bulletin.files",
    "bulletin.lockout",
    "bulletin.identity",
    "bulletin.readership",
    "wagtail.contrib.redirects",
    "wagtail.contrib.settings",
    "wagtail.contrib.sitemaps",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "django_filters",
    "axes",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "django.contrib.humanize",  # its translations: the admin says "2 小时前", not "2 hours ago"
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    # Above the page cache: a cached page gets the policies in force now, and the cache never
    # stores them (see the Content-Security-Policy block below).
    "bulletin.browser_policies.ContentSecurityPolicyMiddleware",
    "django_permissions_policy.PermissionsPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Above sessions and CSRF: a cached page is served without touching either.
    "bulletin.caching.middleware.AnonymousPageCacheMiddleware",
    # Below it: a cached page needs no site. Wagtail would look the site up with two queries.
    "bulletin.caching.sites.SiteMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    # Last: turns a login that django-axes refused into its lockout page (AXES_LOCKOUT_TEMPLATE).
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "bulletin.urls"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "bulletin.identity.context_processors.identity",
            ],
        },
    },
]

WSGI_APPLICATION = "bulletin.wsgi.application"

# One setting for every database: an SQLite file in the project unless DATABASE_URL says otherwise.
DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=int(os.environ.get("DATABASE_CONN_MAX_AGE", "0")),
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL lets readers go on while an import or a publish writes.
    DATABASES["default"].setdefault("OPTIONS", {})
    DATABASES["default"]["OPTIONS"].setdefault("init_command", "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;")
    DATABASES["default"]["OPTIONS"].setdefault("transaction_mode", "IMMEDIATE")
    # One writer at a time: another waits for it up to this many seconds, then fails with
    # "database is locked". Python's 5 s is less than a busy machine may need to publish a
    # story (its search index and cache included) or write a batch of an archive import.
    DATABASES["default"]["OPTIONS"].setdefault("timeout", 30)

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Readers and editors work in Simplified Chinese; the paper is in China's time zone.
LANGUAGE_CODE = "zh-hans"
LANGUAGES = [("zh-hans", "简体中文")]
WAGTAILADMIN_PERMITTED_LANGUAGES = LANGUAGES
# The paper is in one time zone: the account page offers no choice (nor a list of 600 English names).
WAGTAIL_USER_TIME_ZONES = ["Asia/Shanghai"]
WAGTAILADMIN_USER_LOGIN_FORM = "bulletin.admin_chinese.forms.LoginForm"
TIME_ZONE = "Asia/Shanghai"
USE_I18N = True
USE_TZ = True

STATICFILES_FINDERS = [
    "django.contrib.staticfiles.finders.FileSystemFinder",
    "django.contrib.staticfiles.finders.AppDirectoriesFinder",
]
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT", BASE_DIR / "static_collected"))
STATIC_URL = "/static/"
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", BASE_DIR / "media"))
MEDIA_URL = "/media/"
# Files whitenoise serves at the site's root, where browsers and crawlers ask for them
# without reading a page: /favicon.ico. (robots.txt names SITE_URL, so a view writes it.)
WHITENOISE_ROOT = BASE_DIR / "static" / "root"
# Production turns this on when no web server in front serves MEDIA_ROOT (see production.py).
SERVE_MEDIA = False

STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000

WAGTAIL_SITE_NAME = "上街新闻"
# Titles are Chinese: keep Chinese slugs rather than letting them slugify to nothing.
WAGTAIL_ALLOW_UNICODE_SLUGS = True
# Wagtail 8.0's autosave is off. Its save loads the page when the request starts and writes the
# whole row at the end: an autosave that starts before the editor's 发布 commits and writes after
# it stores live=False, and the story the editor just saw published is silently unpublished
# (reproduced in the browser suite under load). Editors save drafts with 保存草稿 as before, and
# the editor still warns before leaving unsaved changes.
WAGTAIL_AUTOSAVE_INTERVAL = 0
WAGTAILDOCS_EXTENSIONS = ["csv", "docx", "odt", "pdf", "pptx", "rtf", "txt", "xlsx", "zip"]
WAGTAILDOCS_MAX_UPLOAD_SIZE = 10 * 1024 * 1024
TAGGIT_CASE_INSENSITIVE = True

# Wagtail's own index serves the admin's generic listings (images, documents, users); the
# admin's page search (explorer, chooser) is answered by search.admin_search, which finds
# stories by Chinese words, drafts included. Readers search through the search app's engines.
WAGTAILSEARCH_BACKENDS = {
    "default": {"BACKEND": "search.admin_search"},
}

# Elasticsearch is optional: set ELASTICSEARCH_URL to use it for reader search.
ELASTICSEARCH_URL = os.environ.get("ELASTICSEARCH_URL", "")
SEARCH_ELASTICSEARCH_INDEX = os.environ.get("ELASTICSEARCH_INDEX", "bulletin-stories")
# Readers must not wait on a slow node: after this many seconds they get the embedded engine.
SEARCH_ELASTICSEARCH_TIMEOUT = float(os.environ.get("ELASTICSEARCH_TIMEOUT", "2"))
# What rebuild_search_index gives a new index (search/engines/elastic.py, index_settings()):
# one shard and no replica suit one node; a cluster of several nodes wants replicas.
SEARCH_ELASTICSEARCH_SHARDS = int(os.environ.get("ELASTICSEARCH_SHARDS", "1"))
SEARCH_ELASTICSEARCH_REPLICAS = int(os.environ.get("ELASTICSEARCH_REPLICAS", "0"))

# Full-page cache for anonymous readers (bulletin/caching). Production points the cache at
# storage every worker shares (CACHE_URL); elsewhere Django's per-process memory cache serves.
PAGE_CACHE_ALIAS = "default"
PAGE_CACHE_TIMEOUT = int(os.environ.get("PAGE_CACHE_TIMEOUT", "600"))  # seconds; 0 turns it off


# --- Private files and password guessing (issue 9, items 1 and 6) ---------------------------
# Only image renditions (MEDIA_ROOT/images/) are public files. Documents are served by Wagtail's
# document view after its collection privacy checks (bulletin/files); image originals
# (MEDIA_ROOT/original_images/) are served by no URL: the admin shows and links renditions.
WAGTAILDOCS_SERVE_METHOD = "serve_view"
# Without SENDFILE_BACKEND, Wagtail streams the file from Django; production hands it to nginx
# instead when SENDFILE_URL names nginx's internal location (see production.py).

# django-axes: failed logins are counted in the database, shared by every app server, per
# account and address together (another address or another account is not locked), and after
# AXES_FAILURE_LIMIT failures even the right password is refused until the cool-off has passed.
# Not per account alone, or anyone could lock an editor out; one address trying many accounts is
# slowed by nginx's limit_req (deploy/nginx-login.conf). Page and collection passwords are
# counted the same way per restriction and address (bulletin/lockout). A success clears the count.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_FAILURE_LIMIT = 5
AXES_COOLOFF_TIME = timedelta(minutes=15)
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "lockout/locked_out.html"
# Where axes gives a message rather than the page above.
AXES_COOLOFF_MESSAGE = "登录失败次数过多，已暂时锁定，请稍后再试。"

# Content-Security-Policy (django-csp) and Permissions-Policy (django-permissions-policy).
# Reader pages are stored whole in the page cache and served to every anonymous reader, so they
# carry no per-request nonce (a cached nonce would be the same for everyone, which defeats it):
# they have no inline script or style at all, and the policy is static. The middleware sits
# above the page cache, so the header is added to hits and misses alike and never stored.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF],
        "connect-src": [SELF],  # search suggestions
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],  # as X-Frame-Options: DENY says
    },
}
# The Wagtail admin (bulletin/browser_policies.py), as strict as Wagtail 8 allows. Its forms
# write inline <script>s without nonces (date pickers, choosers, inline panels) and its scripts
# add <style> elements and style attributes, so both need 'unsafe-inline'; it has no inline
# event handlers (on…=""), so those stay blocked. jQuery UI draws a data: image and the image
# uploader previews files from blob: URLs. The preview panel frames the admin's own preview
# view, and the dashboard asks Wagtail's release server whether an upgrade is out (superusers
# only). No admin page is cached, and only logged-in staff get past the login page.
CONTENT_SECURITY_POLICY_ADMIN = {
    "URL_PREFIXES": ("/admin/",),
    "DIRECTIVES": {
        **CONTENT_SECURITY_POLICY["DIRECTIVES"],
        "script-src": [SELF, UNSAFE_INLINE],
        "script-src-attr": [NONE],
        "style-src": [SELF, UNSAFE_INLINE],
        "img-src": [SELF, "data:", "blob:"],
        "connect-src": [SELF, "https://releases.wagtail.org"],
        "frame-ancestors": [SELF],
    },
}
# Where browsers send violation reports, e.g. a Sentry CSP endpoint; none by default.
if os.environ.get("CSP_REPORT_URI"):
    for _policy in (CONTENT_SECURITY_POLICY, CONTENT_SECURITY_POLICY_ADMIN):
        _policy["DIRECTIVES"]["report-uri"] = [os.environ["CSP_REPORT_URI"]]
# Gravatar would load editors' avatars from a third party (and is unreachable from mainland
# China): the admin shows its default avatar or one the editor uploads, from this site.
WAGTAIL_GRAVATAR_PROVIDER_URL = None

# Nothing on the site uses these; deny them to the site and anything it might ever embed.
# (Features chromium does not know, such as bluetooth, would only add warnings to its console.)
# Not listed, so still allowed: autoplay and speech (read-aloud uses window.speechSynthesis),
# fullscreen, clipboard (the admin's copy buttons), web-share, publickey-credentials (2FA keys).
PERMISSIONS_POLICY = {
    feature: []
    for feature in (
        "accelerometer",
        "browsing-topics",
        "camera",
        "display-capture",
        "geolocation",
        "gyroscope",
        "hid",
        "idle-detection",
        "local-fonts",
        "magnetometer",
        "microphone",
        "midi",
        "payment",
        "screen-wake-lock",
        "serial",
        "usb",
        "xr-spatial-tracking",
    )
}

# --- The site's public address (bulletin/siteurl) ---
# SITE_URL (https://news.example.cn, with :port if not the scheme's default) is what the sitemap,
# the feeds and e-mails link to, whatever host and scheme the app itself sees behind a proxy;
# migrate keeps Wagtail's default Site row at its host and port. Each environment module sets
# its default (production has none) and derives WAGTAILADMIN_BASE_URL from it.
SITE_URL = os.environ.get("SITE_URL", "").strip()

# --- Sitemap (bulletin/stories/sitemaps.py) ---
# URLs per sitemap page: a page stays small (about 250 KB) and quick to build at any archive size.
SITEMAP_PAGE_SIZE = 1000

# --- How long the counts behind the reports are kept (prune_counts, run daily by publish_scheduled_loop) ---
# Reader searches (搜索统计, the dashboard's week of searches that found nothing): a year and a
# month, so a month can be set beside the same month a year before.
READER_SEARCH_RETENTION_DAYS = int(os.environ.get("READER_SEARCH_RETENTION_DAYS", "400"))
# Daily reads (热门 and the dashboard's panel sum the last 7 days): a month, room to look back.
DAILY_READS_RETENTION_DAYS = int(os.environ.get("DAILY_READS_RETENTION_DAYS", "30"))
