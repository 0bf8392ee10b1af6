"""The 稿件统计 report in the admin: Wagtail's ReportView over the rows counting.py makes.

ReportView brings the filter drawer, pagination and the XLSX/CSV downloads; the rows are plain
objects rather than a queryset, so filtering means reading the form, not narrowing a query.
"""

from collections import OrderedDict

import django_filters
from django.utils import timezone
from wagtail.admin.filters import DateRangePickerWidget, WagtailFilterSet
from wagtail.admin.ui.tables import Column
from wagtail.admin.views.reports import ReportView

from bulletin.spreadsheets import FormulaSafeExportMixin
from bulletin.stories.models import StoryPage

from .counting import ROLE_LABELS, Grouping, contribution_rows

PERMISSION = "people.view_contribution_report"


class ContributionFilterSet(WagtailFilterSet):
    date = django_filters.DateFromToRangeFilter(label="发布日期", widget=DateRangePickerWidget)
    by = django_filters.ChoiceFilter(label="统计方式", choices=Grouping.choices, empty_label=None)

    class Meta:
        model = StoryPage  # what the dates are of; the rows themselves come from counting.py
        fields = []


class ContributionReportView(FormulaSafeExportMixin, ReportView):
    page_title = "稿件统计"
    header_icon = "table"
    index_url_name = "contributions:report"
    index_results_url_name = "contributions:report_results"
    results_template_name = "contributions/report_results.html"
    filterset_class = ContributionFilterSet
    permission_required = PERMISSION
    # One page: the rows are all counted anyway, and a newsroom has a few hundred people at most.
    paginate_by = None
    list_export = ["key", "stories", "characters", *ROLE_LABELS]

    def user_has_permission(self, permission):
        return self.request.user.has_perm(permission)

    def get_filterset_kwargs(self):
        kwargs = super().get_filterset_kwargs()
        if "date_from" not in kwargs["data"] and "date_to" not in kwargs["data"]:
            # First visit: this month so far, rather than counting the whole archive.
            today = timezone.localdate()
            kwargs["data"] = kwargs["data"].copy()
            kwargs["data"].update({"date_from": today.replace(day=1).isoformat(), "date_to": today.isoformat()})
        return kwargs

    @property
    def grouping(self):
        if self.filters.is_valid():
            return self.filters.form.cleaned_data["by"] or Grouping.PERSON
        return Grouping.PERSON

    @property
    def columns(self):
        return [
            Column("key", label=Grouping.key_labels[self.grouping]),
            Column("stories", label="稿件数"),
            Column("characters", label="字数"),
            Column("roles_text", label="署名角色"),
        ]

    @property
    def date_range(self):
        """(first day, last day), either None when left open."""
        # The range field gives the first and the last moment of the days as datetimes.
        dates = self.filters.form.cleaned_data["date"]
        return (
            tuple(moment.date() if moment else None for moment in (dates.start, dates.stop)) if dates else (None, None)
        )

    def get_filtered_queryset(self):
        if not self.filters.is_valid():
            return []  # the filter form shows what is wrong
        return contribution_rows(*self.date_range, self.grouping)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["chart"] = bar_chart(self.object_list[:CHART_ROWS])
        return context

    # Spreadsheets: one column per role, so the numbers can be summed.

    def to_row_dict(self, item):
        return OrderedDict(zip(self.list_export, [item.key, item.stories, item.characters, *item.role_counts()]))

    def get_heading(self, queryset, field):
        headings = {"key": Grouping.key_labels[self.grouping], "stories": "稿件数", "characters": "字数"}
        return headings.get(field, field)

    def get_filename(self):
        # ASCII: the name goes into a Content-Disposition header as it is.
        days = self.date_range if self.filters.is_valid() else ()
        return "-".join(["contributions", self.grouping, *(day.isoformat() for day in days if day)])


CHART_ROWS = 20  # the leaders; the table below has everyone
BAR_HEIGHT = 24


def bar_chart(rows):
    """Bars for the report's first rows (most stories first), the longest drawn at 70% of the width.

    Drawn on the server as SVG with sizes in attributes: no script, no inline style.
    """
    most = rows[0].stories if rows else 0
    bars = []
    for index, row in enumerate(rows):
        width = 70 * row.stories / most if most else 0  # the bars take 70% of the width
        top = index * BAR_HEIGHT
        bars.append(
            {
                "row": row,
                "bar_y": top + 4,
                "text_y": top + 17,
                "width": f"{width:.2f}",
                "label_x": f"{26 + width:.2f}",
            }
        )
    return {"bars": bars, "height": len(bars) * BAR_HEIGHT}
