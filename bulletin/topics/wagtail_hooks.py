from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from bulletin.choosers import NameChooserViewSet

from .models import Topic


class TopicViewSet(SnippetViewSet):
    model = Topic
    menu_label = "专题"
    icon = "tag"
    add_to_admin_menu = True
    menu_order = 220
    list_display = ["name", "slug", "keywords", "sort_order"]
    search_fields = ["name", "keywords", "description"]  # substring match, see PersonViewSet
    search_backend_name = None
    ordering = ["sort_order", "name"]
    chooser_viewset_class = NameChooserViewSet  # finds a record by part of its name
    copy_view_enabled = False  # name and slug are unique


register_snippet(TopicViewSet)
