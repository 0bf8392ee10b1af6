from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from .models import CategoryKindRule


class CategoryKindRuleViewSet(SnippetViewSet):
    model = CategoryKindRule
    menu_label = "类别导入规则"
    icon = "arrow-right-full"
    list_display = ["category_contains", "kind"]
    list_filter = ["kind"]
    search_fields = ["category_contains"]  # substring match: Chinese is not split into words
    search_backend_name = None
    copy_view_enabled = False


register_snippet(CategoryKindRuleViewSet)
