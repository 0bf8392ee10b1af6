import django_filters
from wagtail.admin.filters import WagtailFilterSet
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from bulletin.choosers import NameChooserViewSet

from .models import Person


def unit_choices():
    units = Person.objects.exclude(unit="").order_by("unit").values_list("unit", flat=True).distinct()
    return [(unit, unit) for unit in units]


class PersonFilterSet(WagtailFilterSet):
    # A list of the units people already have, rather than a text box that must match exactly.
    unit = django_filters.ChoiceFilter(label="单位", choices=unit_choices, empty_label="全部单位")

    class Meta:
        model = Person
        fields = ["unit"]


class PersonViewSet(SnippetViewSet):
    model = Person
    menu_label = "人员"
    icon = "user"
    add_to_admin_menu = True
    menu_order = 210
    list_display = ["name", "unit", "slug"]
    filterset_class = PersonFilterSet
    # Chinese names are not split into words: a plain substring match (icontains) finds
    # 王明玥 from 明玥, which a word-based search index would not.
    search_fields = ["name", "unit"]
    search_backend_name = None
    ordering = ["name"]
    chooser_viewset_class = NameChooserViewSet  # finds a record by part of its name
    copy_view_enabled = False  # a copy would clash with the unique name and unit


register_snippet(PersonViewSet)
