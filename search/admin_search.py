"""The search backend behind Wagtail's admin: Chinese words find pages (drafts included), images and documents.

Wagtail's page explorer, its page search and the page chooser all search pages through the
``default`` search backend. Stock backends split text into words at spaces, which Chinese has
none of, so 助残 finds nothing. This backend is Wagtail's database backend for everything
except pages: stories are matched in the editors' bigram index (search.EditorSearchEntry:
latest draft and live version of every story, private and expired ones too), other pages by
their titles; images, documents and other titled records by a substring of the title when the
query has Chinese in it (Wagtail's own index would only find a whole title). Settings: WAGTAILSEARCH_BACKENDS["default"]["BACKEND"] = "search.admin_search".
"""

import re
from collections import OrderedDict

from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.db.models import Count, QuerySet
from modelsearch.backends.base import BaseSearchResults
from modelsearch.backends.database import SearchBackend as DatabaseSearchBackend
from modelsearch.query import And, Boost, Fuzzy, MatchAll, Phrase, PlainText
from wagtail.models import Page

from bulletin import compat
from bulletin.stories.models import StoryPage

from . import indexing, text
from .engines import embedded_engine

# Editors refine a query long before reading this many results.
MAX_MATCHES = 10_000


def query_text(query):
    """A Wagtail search query as our query syntax, or None when we cannot express it."""
    if isinstance(query, str):
        return query
    if isinstance(query, (PlainText, Fuzzy)):
        return query.query_string
    if isinstance(query, Phrase):
        return f'"{query.query_string}"'
    if isinstance(query, Boost):
        return query_text(query.subquery)
    if isinstance(query, And):
        parts = [query_text(subquery) for subquery in query.subqueries]
        return None if None in parts else " ".join(parts)
    return None  # MatchAll, Or, Not: left to Wagtail's own backend


class SearchBackend:
    """Wagtail's database search backend, with page searches answered from our index."""

    def __init__(self, params):
        self.wagtail_backend = DatabaseSearchBackend(params)

    def __getattr__(self, name):
        # Indexing, rebuilding and every non-page search: Wagtail's backend as it is.
        return getattr(self.wagtail_backend, name)

    # Stories are indexed by the search app alone (StoryPage.search_auto_update is off, and
    # StoryPage.get_indexed_objects() keeps them out of Wagtail's rebuilds): code that asks
    # Wagtail to index one, singly or in bulk, gets it synced there.
    def add(self, obj):
        if isinstance(obj, StoryPage):
            indexing.schedule([obj.pk])
        else:
            self.wagtail_backend.add(obj)

    def add_bulk(self, model, obj_list):
        if issubclass(model, StoryPage):
            indexing.schedule([obj.pk for obj in obj_list])
        else:
            self.wagtail_backend.add_bulk(model, obj_list)

    def search(self, query, model_or_queryset, fields=None, operator=None, order_by_relevance=True):
        return self._chinese_search(query, model_or_queryset, order_by_relevance) or self.wagtail_backend.search(
            query, model_or_queryset, fields=fields, operator=operator, order_by_relevance=order_by_relevance
        )

    def autocomplete(self, query, model_or_queryset, fields=None, operator=None, order_by_relevance=True):
        return self._chinese_search(query, model_or_queryset, order_by_relevance) or self.wagtail_backend.autocomplete(
            query, model_or_queryset, fields=fields, operator=operator, order_by_relevance=order_by_relevance
        )

    def _chinese_search(self, query, model_or_queryset, order_by_relevance):
        """Results for a query Wagtail's index cannot answer well, or None to let it answer."""
        queryset = model_or_queryset if isinstance(model_or_queryset, QuerySet) else model_or_queryset.objects.all()
        if isinstance(query, MatchAll):
            return None
        raw = query_text(query)
        if raw is None:
            return None
        is_page_search = issubclass(queryset.model, Page)
        if not is_page_search and not (_has_title(queryset.model) and CJK.search(raw)):
            return None
        try:
            terms = text.parse_query(raw)
        except text.QueryError:
            return None
        if not is_page_search:
            return RankedMatches(self, _Matches(queryset, _by_title(queryset, terms), order_by_relevance))
        ids = embedded_engine().editor_matches(terms, limit=MAX_MATCHES)
        if not issubclass(queryset.model, StoryPage):
            story_types = [ct.pk for ct in ContentType.objects.get_for_models(*_story_models()).values()]
            ids += _by_title(queryset.exclude(content_type__in=story_types), terms)
        return RankedMatches(self, _Matches(queryset, ids, order_by_relevance))


# Han ideographs: a query with one is one the word-splitting index cannot answer.
CJK = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")


def _has_title(model):
    return any(field.name == "title" for field in model._meta.get_fields())


def _by_title(queryset, terms):
    for term in terms:
        queryset = queryset.filter(title__icontains=term.text)
    return list(queryset.values_list("pk", flat=True)[:MAX_MATCHES])


def _story_models():
    return [model for model in apps.get_models() if issubclass(model, StoryPage)]


class _Matches:
    """What RankedMatches needs of a "query compiler": the queryset and the ranked ids in it."""

    def __init__(self, queryset, ranked_ids, order_by_relevance):
        self.queryset = queryset.filter(pk__in=ranked_ids)
        self.ranked_ids = ranked_ids
        self.order_by_relevance = order_by_relevance

    def ids_in_order(self):
        allowed = set(self.queryset.values_list("pk", flat=True))
        return [pk for pk in self.ranked_ids if pk in allowed]


class RankedMatches(BaseSearchResults):
    """Search results in our relevance order, or in the listing's own order."""

    supports_facet = True

    def _do_search(self):
        if not self.query_compiler.order_by_relevance:
            return list(self.query_compiler.queryset[self.start : self.stop])
        ids = self.query_compiler.ids_in_order()[self.start : self.stop]
        pages = self.query_compiler.queryset.in_bulk(ids)
        results = [pages[pk] for pk in ids if pk in pages]
        for rank, page in enumerate(results):
            compat.set_search_score(self, page, float(len(ids) - rank))
        return results

    def _do_count(self):
        return self.query_compiler.queryset.count()

    def facet(self, field_name):
        counts = (
            self.query_compiler.queryset.order_by().values(field_name).annotate(count=Count("pk")).order_by("-count")
        )
        return OrderedDict((row[field_name], row["count"]) for row in counts)
