"""热门: the stories read most in the last days, as the home page and story pages list them."""

import datetime

from django.db.models import Sum
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
    """The ``length`` public stories read most in the last ``days`` days (today included)."""
    since = timezone.localdate() - datetime.timedelta(days=days - 1)
    totals = (
        DailyReads.objects.filter(day__gte=since, story__in=StoryPage.objects.reader_list().order_by().values("pk"))
        .values("story")
        .annotate(total=Sum("count"))
        .order_by("-total", "-story")[:length]
    )
    ranking = {row["story"]: row["total"] for row in totals}
    stories = StoryPage.objects.reader_list().filter(pk__in=ranking)
    return sorted(stories, key=lambda story: (-ranking[story.pk], -story.pk))


def most_read_html():
    """The 热门 list's HTML, shared by every page and worker for a few minutes."""
    bucket = int(timezone.now().timestamp() // REFRESH_SECONDS)

    def render():
        return render_to_string("includes/most_read_list.html", {"stories": most_read()})

    return pagecache.memoize(f"most-read:{bucket}", render)
