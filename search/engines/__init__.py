"""Search engines: the embedded one (SQLite FTS5 / PostgreSQL tsvector) and Elasticsearch.

Both take the same request and answer in the same shape, so the reader page, the JSON API and
the behavioural tests do not know which one served them. get_engine() picks Elasticsearch when
ELASTICSEARCH_URL is set, wrapped so that readers fall back to the embedded engine when it is
down or slow; the embedded index is always kept, which is what makes that fallback possible.
"""

from dataclasses import dataclass, field
from datetime import date

from django.conf import settings

FACETS = ("topic", "kind", "person", "year", "month", "edition")


@dataclass(frozen=True)
class Filters:
    """What a reader narrowed the results to. person is "slug" or "slug:role" (记者, 摄影 …)."""

    topic: str | None = None
    kind: str | None = None
    person: str | None = None
    year: int | None = None
    month: int | None = None
    edition: int | None = None

    @property
    def person_slug(self):
        return self.person.split(":", 1)[0] if self.person else None

    @property
    def person_role(self):
        return self.person.split(":", 1)[1] if self.person and ":" in self.person else None


@dataclass(frozen=True)
class SearchRequest:
    terms: tuple  # of search.text.Term; every one must match
    filters: Filters = Filters()
    sort: str = "relevance"  # or "date"
    offset: int = 0
    limit: int = 20


@dataclass
class Hit:
    page_id: int
    score: float
    title: str
    subtitle: str
    body: str
    kind: str
    date: date
    topics: list
    bylines: list
    # The story's page, when the engine read it from the stories readers may see now (the
    # embedded engine does, with the text); Elasticsearch's hits are checked afterwards.
    page: object = None


@dataclass
class EngineResult:
    total: int
    hits: list
    facets: dict = field(default_factory=dict)  # name -> [(value, count)], values as strings
    engine: str = ""


class EngineUnavailable(Exception):
    """The engine could not answer (down, slow, erroring); the caller may use another one."""


def embedded_engine():
    from .embedded import EmbeddedEngine

    return EmbeddedEngine()


def elasticsearch_engine(url=None, index=None):
    from .elastic import ElasticsearchEngine

    return ElasticsearchEngine(url or settings.ELASTICSEARCH_URL, index or elasticsearch_index_name())


def elasticsearch_index_name():
    return getattr(settings, "SEARCH_ELASTICSEARCH_INDEX", "bulletin-stories")


def reader_engine():
    """The engine reader searches go to: Elasticsearch if configured (with fallback), else embedded."""
    if settings.ELASTICSEARCH_URL:
        from .fallback import FallbackEngine

        return FallbackEngine(elasticsearch_engine(), embedded_engine())
    return embedded_engine()
