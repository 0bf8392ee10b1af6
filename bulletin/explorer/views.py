"""稿件库: every story in one flat list, with the columns and filters the desk works by.

Wagtail's page explorer shows a section's children by their last edit ("6 分钟之前" for a whole
imported archive) with no date, kind, edition or byline; this listing is Wagtail's flat page
listing (PageListingViewSet) for StoryPage with those columns. Its queries do not grow with the
rows shown: editions, and bylines with their people, are prefetched for the whole page.
"""

import django_filters
from django import forms
from django.db.models import Prefetch
from wagtail.admin.filters import DateRangePickerWidget, WagtailFilterSet
from wagtail.admin.ui.tables import Column, DateColumn
from wagtail.admin.ui.tables.pages import BulkActionsColumn, PageStatusColumn, PageTitleColumn
from wagtail.admin.views.pages.listing import IndexView
from wagtail.admin.viewsets.pages import PageListingViewSet

from bulletin.choosers import matching_names
from bulletin.editions.models import Edition
from bulletin.people.models import Person
from bulletin.stories.models import Byline, Kind, StoryPage
from bulletin.topics.models import Topic


def print_placement(story):
    """期次/版次: "第3期 第2版", or whichever of the two the story has."""
    edition = story.edition and (story.edition.title or f"第{story.edition.number}期")
    return " ".join(part for part in (edition, story.print_page) if part)


class StoryFilterSet(WagtailFilterSet):
    kind = django_filters.ChoiceFilter(label="类型", choices=Kind.choices, empty_label="全部类型")
    edition = django_filters.ModelChoiceFilter(label="期次", queryset=Edition.objects.all(), empty_label="全部期次")
    topic = django_filters.ModelChoiceFilter(
        label="专题", field_name="topics", queryset=Topic.objects.all(), empty_label="全部专题"
    )
    # Typed, not picked from a list: a newsroom credits hundreds of reporters and 通讯员. Any part
    # of a name or unit finds them, as the person chooser does (明玥 finds 王明玥).
    person = django_filters.CharFilter(
        label="署名",
        method="filter_person",
        widget=forms.TextInput(attrs={"placeholder": "姓名或单位的任意部分"}),
    )
    date = django_filters.DateFromToRangeFilter(label="发布日期", widget=DateRangePickerWidget)

    class Meta:
        model = StoryPage
        fields = []

    def filter_person(self, stories, name, value):
        people = matching_names(Person.objects.all(), value)
        return stories.filter(pk__in=Byline.objects.filter(person__in=people).values("story"))


class StoryIndexView(IndexView):
    default_ordering = "-date"

    def get_base_queryset(self):
        return (
            super()
            .get_base_queryset()
            # Prefetched, not joined: the rows become articles and briefs (specific()), which
            # loses a select_related.
            .prefetch_related("edition", Prefetch("bylines", queryset=Byline.objects.select_related("person")))
        )


class StoryListingViewSet(PageListingViewSet):
    model = StoryPage
    # Not "stories": that is the reader site's URL namespace.
    name = "story_list"
    url_prefix = "stories"
    icon = "doc-full-inverse"
    menu_label = "稿件库"
    menu_order = 150
    add_to_admin_menu = True
    index_view_class = StoryIndexView
    filterset_class = StoryFilterSet
    columns = [
        BulkActionsColumn("bulk_actions"),
        PageTitleColumn("title", label="标题", sort_key="title", classname="title"),
        DateColumn("date", label="发布日期", sort_key="date", width="10%"),
        Column("kind", label="类型", accessor="get_kind_display", sort_key="kind", width="8%"),
        Column("placement", label="期次/版次", accessor=print_placement, width="14%"),
        Column("byline", label="署名", accessor="print_byline", width="18%"),
        PageStatusColumn("status", label="状态", sort_key="live", width="10%"),
    ]
