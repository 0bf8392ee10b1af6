"""Reader lists that are not pages in the tree: notices, briefs and the date archive."""

import datetime

from django.db.models import Count
from django.db.models.functions import ExtractMonth, ExtractYear
from django.http import Http404
from django.shortcuts import render

from .listing import paginate
from .models import Kind, StoryPage


def notice_list(request):
    stories = paginate(request, StoryPage.objects.reader_list().filter(kind=Kind.NOTICE))
    return render(request, "stories/notice_list.html", {"stories": stories})


def brief_list(request):
    stories = paginate(request, StoryPage.objects.reader_list().filter(kind=Kind.BRIEF))
    return render(request, "stories/brief_list.html", {"stories": stories})


def archive(request):
    months = (
        StoryPage.objects.for_readers()
        .annotate(year=ExtractYear("date"), month=ExtractMonth("date"))
        .values("year", "month")
        .annotate(count=Count("pk"))
        .order_by("-year", "-month")
    )
    return render(request, "stories/archive.html", {"months": months})


def archive_month(request, year, month):
    # date__year cannot take a year past 9999: reject such URLs before the query does.
    if not (1 <= year <= 9999 and 1 <= month <= 12):
        raise Http404("没有这个月份")
    in_month = StoryPage.objects.reader_list().filter(date__year=year, date__month=month)
    stories = paginate(request, in_month)
    if not stories.paginator.count:
        raise Http404("这个月没有稿件")
    days = in_month.order_by("date").values("date").annotate(count=Count("pk"))
    context = {"stories": stories, "year": year, "month": month, "days": days}
    return render(request, "stories/archive_month.html", context)


def archive_day(request, year, month, day):
    try:
        date = datetime.date(year, month, day)
    except ValueError:  # 2023/2/30, month 13, year 0 or past 9999
        raise Http404("没有这一天") from None
    stories = paginate(request, StoryPage.objects.reader_list().filter(date=date))
    if not stories.paginator.count:
        raise Http404("这一天没有稿件")
    return render(request, "stories/archive_day.html", {"stories": stories, "date": date})
