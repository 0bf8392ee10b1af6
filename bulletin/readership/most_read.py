"""热门: the stories read most in the last days, as the home page and story pages list them."""

import datetime

from django.db.models import OuterRef, Subquery, Sum
from django.template.loader import render_to_string
from django.utils import timezone

from bulletin.caching import pagecache
from bulletin.stories.models import StoryPage

from .models import DailyReads

DAYS = 7
LENGTH = 10
# The list is worked out at most once per this many seconds for every worker (and at once after
# a publish or unpublish, which starts a new cache generation, so a hidden story leaves it then).
REFRESH_SECONDS = 5 * 60


def most_read(days=DAYS, length=LENGTH):
    """The ``length`` public stories read most in the last ``days`` days (today included), each
    with its number of ``reads``: one query (and Wagtail's one for view restrictions)."""
    since = timezone.localdate() - datetime.timedelta(days=days - 1)
    week = DailyReads.objects.filter(day__gte=since)
    reads = week.filter(story=OuterRef("pk")).order_by().values("story").annotate(total=Sum("count")).values("total")
    stories = (
        StoryPage.objects.reader_list()
        .filter(pk__in=week.values("story"))
        .annotate(reads=Subquery(reads))
        .order_by("-reads", "-pk")
    )
    return list(stories[:length])


def most_read_html():
    """The 热门 list's HTML, shared by every page and worker for a few minutes."""
    bucket = int(timezone.now().timestamp() // REFRESH_SECONDS)

    def render():
        return render_to_string("includes/most_read_list.html", {"stories": most_read()})

    return pagecache.memoize(f"most-read:{bucket}", render)


def prune(days):
    """Forget the reads counted before the last ``days`` days (today included), but never the
    days 热门 sums; return how many daily rows went."""
    since = timezone.localdate() - datetime.timedelta(days=max(days, DAYS) - 1)
    deleted, _ = DailyReads.objects.filter(day__lt=since).delete()
    return deleted
