from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from .models import Edition


class EditionViewSet(SnippetViewSet):
    model = Edition
    menu_label = "报纸期次"
    icon = "date"
    add_to_admin_menu = True
    menu_order = 230
    list_display = ["number", "date", "title"]
    list_filter = {"date": ["year"]}
    search_fields = ["title", "number"]
    search_backend_name = None
    ordering = ["-date", "-number"]
    copy_view_enabled = False  # the number is unique


register_snippet(EditionViewSet)
