"""Elasticsearch for readers, the embedded engine whenever Elasticsearch cannot answer.

Readers only read: what Elasticsearch missed while it was away waits in the backlog, which the
background loop sends (search.indexing.drain_elasticsearch_backlog); a reader's request neither
looks at the backlog nor sends it. Until it is sent, Elasticsearch may still count a story that
changed meanwhile; the stories shown are checked against what readers may see
(search.service.reader_urls) whichever engine answered.
"""

import logging

from . import EngineUnavailable

logger = logging.getLogger(__name__)


class FallbackEngine:
    def __init__(self, primary, fallback):
        self.primary = primary
        self.fallback = fallback
        self.name = primary.name

    def search(self, request):
        try:
            return self.primary.search(request)
        except EngineUnavailable:
            logger.warning("search: serving readers from the embedded engine")
            return self.fallback.search(request)

    def suggest(self, term, limit):
        try:
            return self.primary.suggest(term, limit)
        except EngineUnavailable:
            return self.fallback.suggest(term, limit)
