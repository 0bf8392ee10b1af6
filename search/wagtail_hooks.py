from django.urls import include, path, reverse
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import CreateView, SnippetViewSet, SnippetViewSetGroup

from . import report_urls
from .models import LocalName, Synonym
from .panels import UnansweredSearchesPanel
from .reports import PERMISSION


class SynonymCreateView(CreateView):
    def get_initial(self):
        # The dashboard's panel of searches that found nothing links here with ?terms=<query>.
        initial = super().get_initial()
        terms = " ".join(self.request.GET.get("terms", "").split())
        if terms:
            max_length = Synonym._meta.get_field("terms").max_length
            initial.update(terms=f"{terms}，"[:max_length], note=f"读者搜索“{terms}”没有结果"[:255])
        return initial


class SynonymViewSet(SnippetViewSet):
    model = Synonym
    add_view_class = SynonymCreateView
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


class SearchStatisticsMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm(PERMISSION)


@hooks.register("register_admin_urls")
def register_search_statistics_urls():
    return [path("search-statistics/", include(report_urls))]


@hooks.register("register_reports_menu_item")
def register_search_statistics_menu_item():
    return SearchStatisticsMenuItem(
        "搜索统计", reverse("search_statistics:report"), name="search-statistics", icon_name="search", order=60
    )


@hooks.register("construct_homepage_panels")
def add_unanswered_searches_panel(request, panels):
    if request.user.has_perm(PERMISSION):
        panels.append(UnansweredSearchesPanel())
