"""Turn a CACHE_URL into a Django CACHES entry, so production picks its cache from the environment.

    file:///var/cache/bulletin        files shared by every gunicorn worker on one machine (default)
    db://bulletin_cache               the database (run `manage.py createcachetable` once)
    redis://127.0.0.1:6379/1          Redis, shared by every app server (tools/redis.sh starts one)
    locmem://                         one process only: development and tests

Query parameters set options: ?timeout=600&max_entries=20000&cull_frequency=3, and for Redis
?key_prefix=NAME&socket_timeout=SECONDS.

Every key in Redis starts with the prefix ("bulletin" unless ?key_prefix= says otherwise), so the
site can share a Redis database with other applications, or a staging copy with its production
site: emptying the page cache starts a new generation of our keys (pagecache.py), it never
flushes the database, and nobody else's keys are read or overwritten.
"""

from urllib.parse import parse_qs, urlsplit

BACKENDS = {
    "file": "bulletin.caching.backends.PageFileCache",
    "db": "django.core.cache.backends.db.DatabaseCache",
    "redis": "bulletin.caching.backends.PageRedisCache",
    "rediss": "bulletin.caching.backends.PageRedisCache",
    "locmem": "django.core.cache.backends.locmem.LocMemCache",
}

DEFAULT_REDIS_KEY_PREFIX = "bulletin"
# Seconds to wait for Redis before a request goes on uncached (backends.PageRedisCache): a
# cache that does not answer must not hold readers longer than rendering the page would.
DEFAULT_REDIS_TIMEOUT = 0.5

# A newsroom site has a few thousand cacheable pages; Django's default of 300 entries would
# make the file cache throw most of them away.
DEFAULT_MAX_ENTRIES = 20_000


def parse_cache_url(url):
    parts = urlsplit(url)
    if parts.scheme not in BACKENDS:
        raise ValueError(f"CACHE_URL {url!r}: unknown scheme, expected one of {', '.join(BACKENDS)}")

    config = {"BACKEND": BACKENDS[parts.scheme]}
    if parts.scheme == "file":
        if parts.netloc not in ("", "localhost"):  # file://var/cache would silently mean /cache
            raise ValueError(f"CACHE_URL {url!r}: a file cache needs an absolute path (file:///...)")
        config["LOCATION"] = parts.path
    elif parts.scheme == "db":
        config["LOCATION"] = parts.netloc or parts.path.strip("/") or "bulletin_cache"
    elif parts.scheme in ("redis", "rediss"):
        config["LOCATION"] = f"{parts.scheme}://{parts.netloc}{parts.path}"
    else:
        config["LOCATION"] = parts.netloc or "bulletin"

    params = {key: values[-1] for key, values in parse_qs(parts.query).items()}
    if "timeout" in params:
        config["TIMEOUT"] = int(params["timeout"])
    options = {"MAX_ENTRIES": int(params.get("max_entries", DEFAULT_MAX_ENTRIES))}
    if "cull_frequency" in params:
        options["CULL_FREQUENCY"] = int(params["cull_frequency"])
    if parts.scheme in ("redis", "rediss"):
        config["KEY_PREFIX"] = params.get("key_prefix", DEFAULT_REDIS_KEY_PREFIX)
        seconds = float(params.get("socket_timeout", DEFAULT_REDIS_TIMEOUT))
        config["OPTIONS"] = {"socket_connect_timeout": seconds, "socket_timeout": seconds}
    else:  # Redis evicts by itself (maxmemory-policy) and rejects these options
        config["OPTIONS"] = options
    return config
