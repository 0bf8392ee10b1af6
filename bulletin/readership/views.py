"""The beacon a story page sends when it is read (static/js/reads.js)."""

from urllib.parse import urlsplit

from django.http import HttpResponse, HttpResponseForbidden, HttpResponseNotFound
from django.utils import timezone
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from bulletin.stories.models import StoryPage

from .counting import may_count
from .models import DailyReads


# No CSRF token: story pages are cached for every reader and carry no cookie, so there is none to
# send. CSRF protects what a forged request could do in a user's name; this only adds one to a
# counter and reads nobody's session. Instead: the request must come from a page of this site
# (browsers send Origin with every POST and a page elsewhere cannot forge it), each reader counts
# once per story and day and within an hourly budget (counting.py), and only a story readers may
# see is counted.
@csrf_exempt
@require_POST
def count_read(request, story_id):
    origin = request.headers.get("Origin", "")
    if not origin or urlsplit(origin).netloc != request.get_host():
        return HttpResponseForbidden("只接受本站页面发送的阅读记录。")
    if not StoryPage.objects.for_readers().filter(pk=story_id).exists():
        return HttpResponseNotFound("没有这篇稿件。")
    if may_count(request, story_id):
        DailyReads.add_one(story_id, timezone.localdate())
    # The same answer whether counted or not: a client learns nothing about the limits.
    response = HttpResponse(status=204)
    response["Cache-Control"] = "no-store"
    return response
