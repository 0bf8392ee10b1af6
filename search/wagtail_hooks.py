from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from .models import LocalName, Synonym


class SynonymViewSet(SnippetViewSet):
    model = Synonym
    menu_label = "同义词"
    icon = "list-ul"
    list_display = ["__str__", "note"]
    # Chinese is not split into words: a plain substring match finds 城管 in 城管，城市管理.
    search_fields = ["terms", "note"]
    search_backend_name = None
    copy_view_enabled = False


class LocalNameViewSet(SnippetViewSet):
    model = LocalName
    menu_label = "本地词典"
    icon = "openquote"
    list_display = ["word", "category"]
    list_filter = ["category"]
    search_fields = ["word"]
    search_backend_name = None
    copy_view_enabled = False


class SearchViewSetGroup(SnippetViewSetGroup):
    menu_label = "搜索设置"
    menu_icon = "search"
    menu_order = 900
    items = (SynonymViewSet, LocalNameViewSet)


register_snippet(SearchViewSetGroup)
