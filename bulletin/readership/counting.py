"""Which reads count: one per reader, story and day, and only so many per reader and hour.

Readers are told apart by their address only inside the shared cache, and only as a keyed hash
(HMAC with SECRET_KEY) that expires within a day; the database never sees it. The budget bounds
what one client can add to the counts; it does not stop someone with many addresses, which is
why 热门 is a reader's convenience and not a statistic anyone should be paid by.
"""

import hashlib
import hmac

from django.conf import settings
from django.core.cache import caches
from django.utils import timezone
from django.utils.module_loading import import_string

# A reader opens far fewer stories than this in an hour; a script counting one story over and
# over is stopped by the once-a-day rule first.
READS_PER_HOUR = 60
DAY = 24 * 60 * 60
HOUR = 60 * 60


def client_address(request):
    """The reader's address as the login lockout takes it (behind nginx: X-Real-IP)."""
    callable_path = getattr(settings, "AXES_CLIENT_IP_CALLABLE", None)
    if callable_path:
        return import_string(callable_path)(request)
    return request.META.get("REMOTE_ADDR", "")


def _token(*parts):
    message = "|".join(str(part) for part in parts).encode()
    return hmac.new(settings.SECRET_KEY.encode(), message, hashlib.sha256).hexdigest()[:32]


def may_count(request, story_id):
    """Whether this read counts; remembers it in the shared cache if it does.

    Fails closed: while the cache cannot store anything, add() answers False and nothing is counted.
    """
    cache = caches[settings.PAGE_CACHE_ALIAS]
    address = client_address(request)
    now = timezone.now()
    if not cache.add(f"reads:once:{_token(address, story_id, now.date())}", 1, DAY):
        return False  # this reader's read of this story today is already counted
    budget_key = f"reads:budget:{_token(address, now.strftime('%Y%m%d%H'))}"
    cache.add(budget_key, 0, HOUR)
    try:
        used = cache.incr(budget_key)
    except ValueError:  # evicted between add() and incr()
        return False
    return used <= READS_PER_HOUR
