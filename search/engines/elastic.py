"""The Elasticsearch engine: the same token streams, matched by match_phrase, faceted by FacetedSearch.

The Elasticsearch build CI downloads ships only core analysis: no cjk or ngram analysis, no
asciifolding, no ``whitespace`` *tokenizer* (standard, lowercase and shingle are there) - but
the built-in ``whitespace`` *analyzer* is. The gram and word fields use it over the space-joined
tokens made in Python (search.text), so positions are the token positions and match_phrase
over bigram tokens is exact substring matching, exactly as in the embedded engine.

Calls have short timeouts and no retries; any failure raises EngineUnavailable and stops
further calls to that node for a while, so a dead node costs readers one timeout, not one
per request.
"""

import logging
import time
from datetime import date

from django.conf import settings
from elasticsearch import Elasticsearch
from elasticsearch.exceptions import ApiError, TransportError
from elasticsearch.helpers import BulkIndexError, bulk, scan
from elasticsearch_dsl import Date, Document, FacetedSearch, Integer, Keyword, Long, MetaField, Object, TermsFacet, Text
from elasticsearch_dsl.query import Bool, Match, MatchPhrase, MatchPhrasePrefix, Prefix, Q, Terms

from .. import text
from ..documents import GRAM_FIELDS
from . import FACETS, FIELD_WEIGHTS, EngineResult, EngineUnavailable, Hit

logger = logging.getLogger(__name__)

# The fields' weights (shared with the embedded engine) as query boosts.
GRAM_BOOSTS = {name: FIELD_WEIGHTS[name] for name in GRAM_FIELDS}
WORD_BOOSTS = {name: FIELD_WEIGHTS[name] for name in ("head", "rest")}

# Index writes and rebuilds are not readers' requests: they may wait this long for a busy node.
ADMIN_TIMEOUT = 120

_clients = {}
_down_until = {}


def _setting(name, default):
    return getattr(settings, name, default)


class StoryIndexDocument(Document):
    """A story in Elasticsearch. Gram and word fields are indexed only; the rest is shown."""

    page_id = Long()
    title = Text(index=False)
    subtitle = Text(index=False)
    body = Text(index=False)
    kind = Keyword()
    date = Date(format="yyyy-MM-dd")
    year = Integer()
    month = Integer()
    edition = Integer()
    expire_at = Date()
    topics = Keyword()  # slugs
    people = Keyword()  # slugs
    person_roles = Keyword()  # "slug:role", as the person facet shows them
    display = Object(enabled=False)  # topics and bylines with names, for result lists

    title_grams = Text(analyzer="whitespace")
    subtitle_grams = Text(analyzer="whitespace")
    meta_grams = Text(analyzer="whitespace")
    body_grams = Text(analyzer="whitespace")
    head_words = Text(analyzer="whitespace")
    rest_words = Text(analyzer="whitespace")

    class Meta:
        # The token streams are large and never shown: keep them out of _source.
        source = MetaField(excludes=["*_grams", "*_words"])

    class Index:
        # One shard: exact facet counts, and the same term statistics for every document.
        settings = {"number_of_shards": 1, "number_of_replicas": 0}

    @classmethod
    def from_story(cls, document, index):
        return cls(
            meta={"id": document.page_id, "index": index},
            page_id=document.page_id,
            title=document.title,
            subtitle=document.subtitle,
            body=document.body,
            kind=document.kind,
            date=document.date.isoformat(),
            year=document.date.year,
            month=document.date.month,
            edition=document.edition,
            expire_at=document.expire_at,
            topics=[t["slug"] for t in document.topics],
            people=sorted({b["slug"] for b in document.bylines}),
            person_roles=sorted({f"{b['slug']}:{b['role']}" for b in document.bylines}),
            display={"topics": document.topics, "bylines": document.bylines},
            **{f"{name}_grams": document.grams[name] for name in GRAM_FIELDS},
            head_words=document.words["head"],
            rest_words=document.words["rest"],
        )


class PersonFacet(TermsFacet):
    """Buckets by "slug:role"; a filter value may be the slug alone (any role) or "slug:role"."""

    def add_filter(self, filter_values):
        if not filter_values:
            return None
        value = filter_values[0]
        return Terms(person_roles=[value]) if ":" in value else Terms(people=[value])


def _gram_query(field, runs, boost):
    tokens, prefix = text.phrase_grams(runs)
    name = f"{field}_grams"
    if prefix is None:
        return MatchPhrase(**{name: {"query": " ".join(tokens), "boost": boost}})
    if not tokens:
        return Prefix(**{name: {"value": prefix, "boost": boost}})
    return MatchPhrasePrefix(**{name: {"query": " ".join([*tokens, prefix]), "boost": boost, "max_expansions": 10000}})


def term_query(term, fields=GRAM_BOOSTS, with_words=True):
    """Matches documents containing the term (or a synonym) exactly; words only add score."""
    grams = Bool(
        should=[_gram_query(field, runs, boost) for runs in term.variants for field, boost in fields.items()],
        minimum_should_match=1,
    )
    words = [w for runs in term.variants for w in text.query_words("".join(runs))] if with_words else []
    if not words:
        return grams
    query = " ".join(dict.fromkeys(words))
    return Bool(
        must=[grams],
        should=[Match(**{f"{name}_words": {"query": query, "boost": boost}}) for name, boost in WORD_BOOSTS.items()],
    )


def _not_expired():
    # Stories without an expiry have no expire_at, so only the few that expired are excluded.
    return ~Q("range", expire_at={"lte": "now"})


class StorySearch(FacetedSearch):
    doc_types = [StoryIndexDocument]
    facets = {
        "topic": TermsFacet(field="topics", size=50),
        "kind": TermsFacet(field="kind", size=10),
        "person": PersonFacet(field="person_roles", size=30),
        "year": TermsFacet(field="year", size=200, order={"_key": "desc"}),
        "month": TermsFacet(field="month", size=12, order={"_key": "asc"}),
        "edition": TermsFacet(field="edition", size=30, order={"_key": "desc"}),
    }

    def __init__(self, client, index, request):
        self.using, self.index = client, index
        filters = {name: str(getattr(request.filters, name)) for name in FACETS if getattr(request.filters, name) is not None}
        sort = ["-date", "-page_id"] if request.sort == "date" else ["_score", "-date", "-page_id"]
        super().__init__(query=request.terms, filters=filters, sort=sort)

    def query(self, search, terms):
        return search.query(Bool(must=[term_query(term) for term in terms]))

    def search(self):
        return super().search().filter(_not_expired()).extra(track_total_hits=True)


class ElasticsearchEngine:
    name = "elasticsearch"

    def __init__(self, url, index):
        self.url = url
        self.index_name = index
        if url not in _clients:
            _clients[url] = Elasticsearch(
                url,
                request_timeout=_setting("SEARCH_ELASTICSEARCH_TIMEOUT", 2.0),
                max_retries=0,
                retry_on_timeout=False,
            )
        self.client = _clients[url]

    # --- Availability ------------------------------------------------------------------

    def _call(self, function, *args, **kwargs):
        if _down_until.get(self.url, 0) > time.monotonic():
            raise EngineUnavailable(f"Elasticsearch at {self.url} failed recently; not retrying yet")
        try:
            return function(*args, **kwargs)
        except (TransportError, ApiError, BulkIndexError) as error:
            _down_until[self.url] = time.monotonic() + _setting("SEARCH_ELASTICSEARCH_RETRY_AFTER", 30)
            logger.warning("search: Elasticsearch at %s failed: %s", self.url, error)
            raise EngineUnavailable(str(error)) from error

    @staticmethod
    def reset_availability():
        """Forget recent failures (tests, and after an operator restarted the node)."""
        _down_until.clear()

    def _require_index(self):
        """Writes go only to an index rebuild_search_index made.

        A write to a missing index would create it with Elasticsearch's default analysis and
        only the stories changed since; until it is rebuilt, readers get the embedded engine
        and changes wait in the backlog.
        """
        if not self.client.indices.exists(index=self.index_name):
            raise EngineUnavailable(
                f"Elasticsearch index {self.index_name} is missing: run manage.py rebuild_search_index"
            )

    # --- Index (every write refreshes before it returns: the editor's change shows at once) --

    def index(self, documents):
        documents = list(documents)
        if documents:
            self._call(self._index, documents)

    def _index(self, documents):
        self._require_index()
        actions = (StoryIndexDocument.from_story(d, self.index_name).to_dict(include_meta=True) for d in documents)
        bulk(self.client.options(request_timeout=ADMIN_TIMEOUT), actions, refresh=True, chunk_size=500)

    def remove(self, page_ids):
        page_ids = list(page_ids)
        if page_ids:
            self._call(self._remove, page_ids)

    def _remove(self, page_ids):
        self._require_index()
        actions = ({"_op_type": "delete", "_index": self.index_name, "_id": pk} for pk in page_ids)
        _, errors = bulk(self.client, actions, refresh=True, raise_on_error=False)
        failed = [e for e in errors if e.get("delete", {}).get("status") != 404]
        if failed:
            raise BulkIndexError(f"{len(failed)} deletions failed", failed)

    def clear(self):
        """Drop and recreate the index, empty, with our mappings (a rebuild starts here)."""
        # Creating an index waits for its shard to start, which on a busy node takes longer than
        # the reader timeout (SEARCH_ELASTICSEARCH_TIMEOUT): an operator's command may wait.
        client = self.client.options(request_timeout=ADMIN_TIMEOUT)

        def recreate():
            client.options(ignore_status=404).indices.delete(index=self.index_name)
            StoryIndexDocument.init(index=self.index_name, using=client)

        self._call(recreate)

    def delete_index(self):
        client = self.client.options(request_timeout=ADMIN_TIMEOUT, ignore_status=404)
        self._call(client.indices.delete, index=self.index_name)

    def document_count(self):
        return self._call(self.client.count, index=self.index_name)["count"]

    # --- Search ------------------------------------------------------------------------

    def search(self, request):
        return self._call(self._search, request)

    def _search(self, request):
        search = StorySearch(self.client, self.index_name, request)[request.offset : request.offset + request.limit]
        response = search.execute()
        facets = {}
        for name in FACETS:
            values = [(str(value), count) for value, count, _ in getattr(response.facets, name)]
            if name in ("topic", "kind", "person"):
                values.sort(key=lambda item: (-item[1], item[0]))
            facets[name] = values
        hits = [_hit(raw["_source"], raw["_score"] or 0.0) for raw in response.to_dict()["hits"]["hits"]]
        return EngineResult(total=response.hits.total.value, hits=hits, facets=facets, engine=self.name)

    def matching_ids(self, terms):
        """Ids of every live public story the terms match (benchmarks check recall with it)."""
        query = Bool(must=[term_query(term, with_words=False) for term in terms], filter=[_not_expired()])
        hits = scan(self.client, index=self.index_name, query={"query": query.to_dict(), "_source": False})
        return self._call(lambda: [int(hit["_id"]) for hit in hits])

    def suggest(self, term, limit):
        return self._call(self._suggest, term, limit)

    def _suggest(self, term, limit):
        response = self.client.search(
            index=self.index_name,
            query=Bool(must=[term_query(term, fields={"title": 1.0}, with_words=False)], filter=[_not_expired()]).to_dict(),
            sort=["_score", {"date": "desc"}, {"page_id": "desc"}],
            size=limit,
        )
        return [_hit(hit["_source"], 0.0) for hit in response["hits"]["hits"]]


def _hit(source, score):
    return Hit(
        page_id=source["page_id"],
        score=score,
        title=source["title"],
        subtitle=source.get("subtitle", ""),
        body=source.get("body", ""),
        kind=source["kind"],
        date=date.fromisoformat(source["date"]),
        topics=source.get("display", {}).get("topics", []),
        bylines=source.get("display", {}).get("bylines", []),
    )
