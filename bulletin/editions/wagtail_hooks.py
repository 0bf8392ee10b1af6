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
    # The 数字报: the inspect view shows the edition's printed pages, each linking to its
    # region editor; editors, who may only view editions, reach it too.
    inspect_view_enabled = True
    inspect_view_fields = ["number", "date", "title"]
    inspect_template_name = "epaper/admin/edition_inspect.html"


register_snippet(EditionViewSet)
