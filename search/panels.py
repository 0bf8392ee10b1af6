"""The dashboard's panel of reader searches that found nothing, with a one-click synonym."""

from datetime import timedelta
from urllib.parse import urlencode

from django.urls import reverse
from django.utils import timezone
from wagtail.admin.ui.components import Component

from bulletin.desk.panels import ORDER

from . import querylog
from .models import ReaderSearch, Synonym

DAYS = 7
ROWS = 10


class UnansweredSearchesPanel(Component):
    name = "unanswered_searches"
    order = ORDER["searches"]
    template_name = "search/admin/unanswered_searches_panel.html"

    def get_context_data(self, parent_context):
        request = parent_context["request"]
        since = timezone.localdate() - timedelta(days=DAYS - 1)
        querylog.flush()  # the searches still counted in Redis belong in the list
        recent = ReaderSearch.objects.between(since).filter(filters="")
        # Plain searches only: a filtered one that found nothing is about the filters, which a
        # synonym would not help. A query that has found something since (a synonym added, a
        # story published) has been answered.
        answered = recent.filter(results__gt=0).values("query")
        rows = list(recent.unanswered().exclude(query__in=answered)[:ROWS])
        may_add = request.user.has_perm("search.add_synonym")
        add_url = reverse(Synonym.snippet_viewset.get_url_name("add")) if may_add else None
        for row in rows:
            if add_url:
                row["add_synonym_url"] = f"{add_url}?{urlencode({'terms': row['query']})}"
        return {
            "rows": rows,
            "heading": f"近{DAYS}天读者搜索没有结果的词",
            "days": DAYS,
            "report_url": reverse("search_statistics:report") + "?unanswered=true",
        }
