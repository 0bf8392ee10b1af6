import django_filters
from wagtail.admin.filters import WagtailFilterSet
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from bulletin.choosers import NameChooserViewSet
from bulletin.epaper.admin_views import EditionInspectView

from .models import Edition


class EditionFilterSet(WagtailFilterSet):
    # Labelled in Chinese: list_filter = {"date": ["year"]} would label it "出版日期 year". Same
    # parameter (date__year), so links to a filtered list keep working.
    date__year = django_filters.NumberFilter(field_name="date", lookup_expr="year", label="出版年份")

    class Meta:
        model = Edition
        fields = []


class EditionViewSet(SnippetViewSet):
    model = Edition
    menu_label = "报纸期次"
    icon = "date"
    add_to_admin_menu = True
    menu_order = 230
    list_display = ["number", "date", "title"]
    filterset_class = EditionFilterSet
    search_fields = ["title", "number"]
    search_backend_name = None
    ordering = ["-date", "-number"]
    chooser_viewset_class = NameChooserViewSet  # finds a record by part of its name
    copy_view_enabled = False  # the number is unique
    # The 数字报: the inspect view shows the edition's printed pages, each linking to its
    # region editor; editors, who may only view editions, reach it too.
    inspect_view_enabled = True
    inspect_view_class = EditionInspectView
    inspect_view_fields = ["number", "date", "title"]
    inspect_template_name = "epaper/admin/edition_inspect.html"


register_snippet(EditionViewSet)
