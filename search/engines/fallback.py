"""Elasticsearch for readers, the embedded engine whenever Elasticsearch cannot answer."""

import logging

from ..indexing import catch_up_elasticsearch
from ..models import ElasticsearchBacklog
from . import EngineUnavailable

logger = logging.getLogger(__name__)


class FallbackEngine:
    def __init__(self, primary, fallback):
        self.primary = primary
        self.fallback = fallback
        self.name = primary.name

    def _primary_ready(self):
        # Changes Elasticsearch missed while it was away are sent first: until they are, its
        # index may still hold a story that has since been unpublished.
        if ElasticsearchBacklog.objects.exists():
            catch_up_elasticsearch(self.primary)

    def search(self, request):
        try:
            self._primary_ready()
            return self.primary.search(request)
        except EngineUnavailable:
            logger.warning("search: serving readers from the embedded engine")
            return self.fallback.search(request)

    def suggest(self, term, limit):
        try:
            self._primary_ready()
            return self.primary.suggest(term, limit)
        except EngineUnavailable:
            return self.fallback.suggest(term, limit)
