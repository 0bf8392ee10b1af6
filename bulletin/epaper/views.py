"""The reader's 数字报: one printed page with its stories as regions, the editions by date, and an
edition's pages as JSON."""

import calendar
import datetime

from django.http import Http404, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_GET

from bulletin.editions.models import Edition
from bulletin.stories.models import StoryPage

from .reading import printed_stories, public_pages, stories_by_page


def page_view(request, number, page):
    pages = public_pages().select_related("edition")
    printed_page = get_object_or_404(pages, edition__number=number, number=page)
    # Pages, not numbers: the 版 links are named by PrintedPage.label, as everywhere else.
    edition_pages = list(printed_page.edition.printed_pages.only("number"))
    numbers = [edition_page.number for edition_page in edition_pages]
    at = numbers.index(printed_page.number)
    context = {
        "printed_page": printed_page,
        "edition": printed_page.edition,
        "stories": printed_stories(printed_page),
        "previous": numbers[at - 1] if at > 0 else None,
        "next": numbers[at + 1] if at + 1 < len(numbers) else None,
        "edition_pages": edition_pages,
    }
    return render(request, "epaper/page.html", context)


def calendar_latest(request):
    latest = Edition.objects.latest_with_public_story()
    if latest is None:
        raise Http404("暂无往期")
    return redirect("epaper:calendar", latest.date.year, latest.date.month)


def calendar_month(request, year, month):
    # date__year cannot take a year past 9999: reject such URLs before the query does.
    if not (1 <= year <= 9999 and 1 <= month <= 12):
        raise Http404("没有这个月份")
    editions = Edition.objects.having_public_story().order_by("date", "number")
    this_month = list(editions.filter(date__year=year, date__month=month))
    if not this_month:
        raise Http404("这个月没有报纸")
    by_day = {}
    for edition in this_month:
        by_day.setdefault(edition.date, []).append(edition)
    first = datetime.date(year, month, 1)
    # The nearest months that have editions: an archive of years skips its empty months.
    earlier = editions.filter(date__lt=first).order_by("-date").first()
    later = editions.filter(date__gte=_next_month(first)).order_by("date").first()
    weeks = [
        [{"date": day, "in_month": day.month == month, "editions": by_day.get(day, [])} for day in week]
        for week in calendar.Calendar(firstweekday=0).monthdatescalendar(year, month)
    ]
    context = {
        "month": first,
        "weeks": weeks,
        "weekdays": ["一", "二", "三", "四", "五", "六", "日"],
        "earlier": earlier.date if earlier else None,
        "later": later.date if later else None,
    }
    return render(request, "epaper/calendar.html", context)


def _next_month(day):
    return (day.replace(day=28) + datetime.timedelta(days=4)).replace(day=1)


@require_GET
def edition_api(request, number):
    edition = Edition.objects.filter(number=number).first()
    stories = list(StoryPage.objects.for_readers().filter(edition=edition).in_print_order()) if edition else []
    if not stories:
        # An edition readers cannot see yet (all drafts) is answered as one that does not exist.
        return JsonResponse({"error": f"没有第{number}期。"}, status=404, json_dumps_params={"ensure_ascii": False})
    pages, _unplaced = stories_by_page(edition, stories)
    body = {
        "number": edition.number,
        "date": edition.date.isoformat(),
        "pages": [
            {
                "number": page.number,
                "label": page.label,
                "width": page.width,
                "height": page.height,
                "image": page.image.url,
                "thumbnail": page.thumbnail.url,
                "pdf": page.pdf.url,
                "stories": [
                    {"title": story.title, "url": story.get_url(request=request), "regions": page.boxes[story.pk]}
                    for story in page.stories
                ],
            }
            for page in pages
        ],
    }
    return JsonResponse(body, json_dumps_params={"ensure_ascii": False})
