"""The 搜索统计 report in the admin: what readers searched for in a date range, how often, and
what found nothing (Wagtail's ReportView: the filter drawer, pagination, CSV and XLSX)."""

from datetime import timedelta

import django_filters
from django.utils import timezone
from wagtail.admin.filters import DateRangePickerWidget, WagtailFilterSet
from wagtail.admin.ui.tables import Column
from wagtail.admin.views.reports import ReportView

from bulletin.spreadsheets import FormulaSafeExportMixin

from . import querylog
from .models import ReaderSearch

PERMISSION = "search.view_readersearch"
FIRST_VISIT_DAYS = 30


class ReaderSearchFilterSet(WagtailFilterSet):
    day = django_filters.DateFromToRangeFilter(label="日期", widget=DateRangePickerWidget)
    unanswered = django_filters.ChoiceFilter(
        label="结果",
        choices=[("true", "只看没有结果的搜索")],
        empty_label="全部搜索",
        method="only_unanswered",
    )

    class Meta:
        model = ReaderSearch
        fields = []

    def only_unanswered(self, queryset, name, value):
        return queryset.filter(results=0) if value else queryset


class SearchStatisticsView(FormulaSafeExportMixin, ReportView):
    page_title = "搜索统计"
    header_icon = "search"
    index_url_name = "search_statistics:report"
    index_results_url_name = "search_statistics:report_results"
    results_template_name = "search/admin/report_results.html"
    filterset_class = ReaderSearchFilterSet
    permission_required = PERMISSION
    columns = [
        Column("query", label="搜索词"),
        Column("filters", label="筛选条件"),
        Column("total", label="搜索次数"),
        Column("unanswered", label="没有结果的次数"),
        Column("last_day", label="最近一次"),
    ]
    list_export = ["query", "filters", "total", "unanswered", "last_day"]
    export_headings = {
        "query": "搜索词",
        "filters": "筛选条件",
        "total": "搜索次数",
        "unanswered": "没有结果的次数",
        "last_day": "最近一次",
    }

    def user_has_permission(self, permission):
        return self.request.user.has_perm(permission)

    def get_queryset(self):
        querylog.flush()  # the searches still counted in Redis belong in the figures
        return ReaderSearch.objects.all()

    def get_filterset_kwargs(self):
        kwargs = super().get_filterset_kwargs()
        if "day_from" not in kwargs["data"] and "day_to" not in kwargs["data"]:
            # First visit: the last month, rather than everything ever searched.
            today = timezone.localdate()
            first = today - timedelta(days=FIRST_VISIT_DAYS - 1)
            kwargs["data"] = kwargs["data"].copy()
            kwargs["data"].update({"day_from": first.isoformat(), "day_to": today.isoformat()})
        return kwargs

    def get_filtered_queryset(self):
        # Days and "nothing found" narrow the daily rows; then they are summed per query.
        return super().get_filtered_queryset().by_query()

    def get_filename(self):
        return "search-statistics"  # ASCII: it goes into a Content-Disposition header as it is
