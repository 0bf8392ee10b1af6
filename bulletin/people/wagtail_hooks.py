from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from .models import Person


class PersonViewSet(SnippetViewSet):
    model = Person
    menu_label = "人员"
    icon = "user"
    add_to_admin_menu = True
    menu_order = 210
    list_display = ["name", "unit", "slug"]
    list_filter = ["unit"]
    # Chinese names are not split into words: a plain substring match (icontains) finds
    # 王明玥 from 明玥, which a word-based search index would not.
    search_fields = ["name", "unit"]
    search_backend_name = None
    ordering = ["name"]
    copy_view_enabled = False  # a copy would clash with the unique name and unit


register_snippet(PersonViewSet)
