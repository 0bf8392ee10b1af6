"""The Elasticsearch engine: the same token streams, matched by match_phrase, faceted by terms aggregations.

The Elasticsearch build CI downloads ships only core analysis: no cjk or ngram analysis, no
asciifolding, no ``whitespace`` *tokenizer* (standard, lowercase and shingle are there) - but
the built-in ``whitespace`` *analyzer* is. The gram and word fields use it over the space-joined
tokens made in Python (search.text), so positions are the token positions and match_phrase
over bigram tokens is exact substring matching, exactly as in the embedded engine.

Calls have short timeouts and no retries; any failure raises EngineUnavailable and stops
further calls to that node for a while, so a dead node costs readers one timeout, not one
per request. Each process keeps one client per node URL, whose connection pool every search
and write reuses; a reader's search is one request (hits, total and facets together).

The index name readers search (ELASTICSEARCH_INDEX) is an alias. A rebuild (IndexBuild) fills a
new index beside the live one, which writes made meanwhile reach through a second alias
("<name>-rebuilding"), then moves the alias to it in one atomic step and deletes the old index:
readers keep searching the complete old index until the new one is complete. The mapping the
code defines is fingerprinted into the index's _meta, so a change is reported at start-up
(search.checks) rather than discovered by failing queries.
"""

import hashlib
import json
import logging
import os
import socket
import time
import uuid
from datetime import date

from django.conf import settings
from elasticsearch import Elasticsearch
from elasticsearch.exceptions import ApiError, ConflictError, TransportError
from elasticsearch.helpers import BulkIndexError, bulk, expand_action, scan
from elasticsearch_dsl import Date, Document, Keyword, Long, MetaField, Object, Text
from elasticsearch_dsl.query import Bool, Match, MatchPhrase, MatchPhrasePrefix, Prefix, Q

from .. import text
from ..documents import FIELD_WEIGHTS, GRAM_FIELDS, WORD_FIELDS
from . import FACETS, EngineResult, EngineUnavailable, Hit

logger = logging.getLogger(__name__)

# Per-field boosts: the weights both engines rank by.
GRAM_BOOSTS = {name: FIELD_WEIGHTS[name] for name in GRAM_FIELDS}
WORD_BOOSTS = {name: FIELD_WEIGHTS[name] for name in WORD_FIELDS}

# Index writes and rebuilds are not readers' requests: they may wait this long for a busy node.
ADMIN_TIMEOUT = 120
# Merging a rebuilt index into one segment takes about a minute per GB on a busy node.
MERGE_TIMEOUT = 3600

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
    # The keyword facets' global ordinals are built when a write refreshes the index, not by the
    # first search after it: every editor's change refreshes, and readers would wait for them.
    kind = Keyword(eager_global_ordinals=True)
    date = Date(format="yyyy-MM-dd")
    # Facets, as keywords (see FACET_AGGREGATIONS); edition is zero-padded (edition_key).
    year = Keyword(eager_global_ordinals=True)
    month = Keyword(eager_global_ordinals=True)
    edition = Keyword(eager_global_ordinals=True)
    expire_at = Date()
    topics = Keyword(eager_global_ordinals=True)  # slugs
    people = Keyword()  # slugs
    person_roles = Keyword(eager_global_ordinals=True)  # "slug:role", as the person facet shows them
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
            year=str(document.date.year),
            month=str(document.date.month),
            edition=None if document.edition is None else edition_key(document.edition),
            expire_at=document.expire_at,
            topics=[t["slug"] for t in document.topics],
            people=sorted({b["slug"] for b in document.bylines}),
            person_roles=sorted({f"{b['slug']}:{b['role']}" for b in document.bylines}),
            display={"topics": document.topics, "bylines": document.bylines},
            **{f"{name}_grams": document.grams[name] for name in GRAM_FIELDS},
            head_words=document.words["head"],
            rest_words=document.words["rest"],
        )


def mapping():
    """The mapping the code defines, with its fingerprint in _meta."""
    defined = StoryIndexDocument._doc_type.mapping.to_dict()
    return {**defined, "_meta": {"fingerprint": mapping_fingerprint()}}


def mapping_fingerprint():
    """Changes whenever the code's mapping does: an index built with another needs a rebuild."""
    defined = json.dumps(StoryIndexDocument._doc_type.mapping.to_dict(), sort_keys=True)
    return hashlib.sha256(defined.encode()).hexdigest()[:16]


def index_settings():
    """Shards and replicas from the environment (ELASTICSEARCH_SHARDS, _REPLICAS). One shard
    gives exact facet counts and the same term statistics for every document; more suit an
    archive too large for one, replicas a cluster of several nodes."""
    return {
        "number_of_shards": _setting("SEARCH_ELASTICSEARCH_SHARDS", 1),
        "number_of_replicas": _setting("SEARCH_ELASTICSEARCH_REPLICAS", 0),
    }


def action_index(meta):
    """The index a bulk action's metadata ({"index": {"_index": …}}) names."""
    return next(iter(meta.values())).get("_index")


class RebuildInProgress(Exception):
    """Another rebuild of the same index is running: this one must not touch its new index."""


class IndexBuild:
    """A new index beside the live one, filled by rebuild_search_index, then put in its place.

    While it is filled, readers search the live index as it was, complete; writes go to both
    (ElasticsearchEngine.write_targets, through the rebuilding alias). swap() moves the alias
    in one atomic request and deletes the old index once no search is running on it.

    One rebuild at a time: a second one would take the first one's index from the rebuilding
    alias and delete it under the first one's writes. A build holds a lock, one document in a
    small index of its own ("<name>-rebuild-lock"), created only if absent and renewed after
    every batch; another rebuild meanwhile raises RebuildInProgress before it creates anything.
    A lock not renewed for LOCK_STALE_AFTER seconds is a rebuild that was killed: the next one
    takes it over (conditionally, so that of two only one does).
    """

    # How long swap() waits for searches that started on the old index to finish.
    DRAIN_SEARCHES = 10
    # Far longer than one batch takes (a few seconds; ADMIN_TIMEOUT at worst).
    LOCK_STALE_AFTER = 600

    def __init__(self, engine):
        self.engine = engine
        self.name = f"{engine.index_name}-{time.strftime('%Y%m%d%H%M%S')}-{uuid.uuid4().hex[:6]}"
        self.client = engine.client.options(request_timeout=ADMIN_TIMEOUT)
        self.swapped = False
        self.lock_version = None

        def create():
            self._take_lock()
            # Creating an index waits for its shards to start, which on a busy node takes longer
            # than the reader timeout: an operator's command may wait.
            self.client.indices.create(index=self.name, mappings=mapping(), settings=index_settings())
            # A rebuild that was interrupted left its index behind: this one replaces it.
            stale = engine._indices_of(engine.rebuilding_alias)
            actions = [{"remove": {"index": name, "alias": engine.rebuilding_alias}} for name in stale]
            actions.append({"add": {"index": self.name, "alias": engine.rebuilding_alias}})
            self.client.indices.update_aliases(actions=actions)
            if stale:
                self.client.options(ignore_status=404).indices.delete(index=",".join(stale))

        engine._call(create)

    # --- The lock ----------------------------------------------------------------------

    def _lock_record(self):
        return {"index": self.name, "host": socket.gethostname(), "pid": os.getpid(), "renewed": time.time()}

    def _take_lock(self):
        lock = self.engine.lock_index
        self.client.options(ignore_status=400).indices.create(  # 400: it exists
            index=lock, settings={**index_settings(), "number_of_shards": 1}, mappings={"dynamic": False}
        )
        try:
            written = self.client.create(index=lock, id="lock", document=self._lock_record())
        except ConflictError:
            held = self.client.get(index=lock, id="lock")
            holder = held["_source"]
            age = time.time() - holder["renewed"]
            if age < self.LOCK_STALE_AFTER:
                raise RebuildInProgress(
                    f"another rebuild of {self.engine.index_name} is running (process {holder['pid']} on "
                    f"{holder['host']}, filling {holder['index']}, last seen {age:.0f} s ago); wait for it "
                    f"to finish. A rebuild that was killed is taken over {self.LOCK_STALE_AFTER} s after it "
                    f"was last seen."
                ) from None
            written = self._write_lock(held["_seq_no"], held["_primary_term"])
        self.lock_version = (written["_seq_no"], written["_primary_term"])

    def _write_lock(self, seq_no, primary_term):
        try:
            return self.client.index(
                index=self.engine.lock_index,
                id="lock",
                document=self._lock_record(),
                if_seq_no=seq_no,
                if_primary_term=primary_term,
            )
        except ConflictError:
            raise RebuildInProgress(f"another rebuild of {self.engine.index_name} took over the lock") from None

    def _renew_lock(self):
        """Still ours? (RebuildInProgress if another rebuild took it over as stale.)"""
        written = self._write_lock(*self.lock_version)
        self.lock_version = (written["_seq_no"], written["_primary_term"])

    def _release_lock(self):
        if self.lock_version:
            seq_no, primary_term = self.lock_version
            self.client.options(ignore_status=(404, 409)).delete(
                index=self.engine.lock_index, id="lock", if_seq_no=seq_no, if_primary_term=primary_term
            )
            self.lock_version = None

    # --- Filling and swapping -----------------------------------------------------------

    def index(self, documents):
        self.engine._call(self._renew_lock)
        self.engine.index(documents, targets=[self.name])

    def swap(self):
        """Readers search the new index from now on; the old one is deleted."""
        self.engine._call(self._renew_lock)
        try:
            self.engine._call(self._swap)
        finally:
            self.engine._call(self._release_lock)

    def _swap(self):
        # Filled in batches, the new index has a dozen segments; merged into one, a search reads
        # one term dictionary per field and needs no map of global ordinals across segments
        # (12k archive: Elasticsearch's took p50 5 -> 1 ms, p95 15 -> 3 ms). Writes made meanwhile
        # reach it through the rebuilding alias as usual.
        self.client.options(request_timeout=MERGE_TIMEOUT).indices.forcemerge(index=self.name, max_num_segments=1)
        alias = self.engine.index_name
        old = self.engine._indices_of(alias)
        actions = [{"remove": {"index": name, "alias": alias}} for name in old]
        if not old and self.client.indices.exists(index=alias):
            actions.append({"remove_index": {"index": alias}})  # a concrete index made before aliases
        actions += [
            {"remove": {"index": self.name, "alias": self.engine.rebuilding_alias}},
            {"add": {"index": self.name, "alias": alias}},
        ]
        self.client.indices.update_aliases(actions=actions)
        self.swapped = True
        if old:
            self._wait_for_searches(old)
            self.client.options(ignore_status=404).indices.delete(index=",".join(old))

    def _wait_for_searches(self, names):
        """A search resolves the alias when it starts: let those still running on the old index
        finish before it goes, so that none of them fails."""
        deadline = time.monotonic() + self.DRAIN_SEARCHES
        while time.monotonic() < deadline:
            stats = self.client.indices.stats(index=",".join(names), metric="search")["_all"]["total"]["search"]
            if stats["query_current"] == 0 and stats["fetch_current"] == 0:
                return
            time.sleep(0.05)

    def abandon(self):
        """The rebuild failed: the live index stays as it was."""
        if not self.swapped:
            self.client.options(ignore_status=404).indices.delete(index=self.name)
        self._release_lock()


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


# Each facet: the field it counts, how many values readers get, and the order ES picks them in
# ("_count" desc by default). Values are keywords: their global ordinals are built when the
# index refreshes, and counting them is ten times cheaper than counting numbers (1.1 ms for the
# year, month and edition of the 12k archive as integers; 0.1 ms as keywords).
FACET_AGGREGATIONS = {
    "topic": {"field": "topics", "size": 50},
    "kind": {"field": "kind", "size": 10},
    "person": {"field": "person_roles", "size": 30},
    "year": {"field": "year", "size": 200, "order": {"_key": "desc"}},
    "month": {"field": "month", "size": 12},
    "edition": {"field": "edition", "size": 30, "order": {"_key": "desc"}},
}
NUMERIC_FACETS = ("year", "month", "edition")


def edition_key(number):
    """An edition number as its keyword: zero-padded, so that the order of keys is the order of
    numbers and the facet's 30 values are the latest editions."""
    return f"{number:010d}"


def facet_filter(name, value):
    if name == "person":
        return {"term": {"person_roles" if ":" in value else "people": value}}
    if name == "edition":
        value = edition_key(value)
    return {"term": {FACET_AGGREGATIONS[name]["field"]: str(value)}}


def search_body(request):
    """One _search: the page of hits, the exact total (readers see it) and every facet.

    As in any faceted search, a facet's own filter narrows the hits (post_filter) and the other
    facets, not its own counts, so a reader who picked a year still sees the other years.
    Without filters, which is most searches, the facets are plain terms aggregations.
    """
    filters = {
        name: facet_filter(name, value) for name in FACETS if (value := getattr(request.filters, name)) is not None
    }
    aggregations = {}
    for name, terms in FACET_AGGREGATIONS.items():
        others = [clause for other, clause in filters.items() if other != name]
        aggregation = {"terms": terms}
        if others:
            aggregation = {"filter": {"bool": {"filter": others}}, "aggs": {name: aggregation}}
        aggregations[name] = aggregation
    order = [{"date": "desc"}, {"page_id": "desc"}]
    body = {
        "query": Bool(must=[term_query(term) for term in request.terms], filter=[_not_expired()]).to_dict(),
        "aggs": aggregations,
        "sort": order if request.sort == "date" else ["_score", *order],
        "from": request.offset,
        "size": request.limit,
        "track_total_hits": True,
    }
    if filters:
        body["post_filter"] = {"bool": {"filter": list(filters.values())}}
    return body


def facet_values(name, aggregation):
    buckets = aggregation.get(name, aggregation)["buckets"]
    if name not in NUMERIC_FACETS:
        return sorted(
            ((bucket["key"], bucket["doc_count"]) for bucket in buckets), key=lambda item: (-item[1], item[0])
        )
    values = sorted(((int(bucket["key"]), bucket["doc_count"]) for bucket in buckets), reverse=name != "month")
    return [(str(value), count) for value, count in values]


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

    # --- Index (every write refreshes before it returns: the editor's change shows at once) --

    @property
    def rebuilding_alias(self):
        """Names the index a rebuild is filling, while it runs: writes go there too."""
        return f"{self.index_name}-rebuilding"

    @property
    def lock_index(self):
        """Holds the lock of the rebuild running now, if any (IndexBuild)."""
        return f"{self.index_name}-rebuild-lock"

    def write_targets(self):
        """Where a change goes now: the live index, and the one a rebuild is filling, if any.

        Writes go only to indexes rebuild_search_index made: a write to a missing index would
        create it with Elasticsearch's default analysis and only the stories changed since;
        until it is rebuilt, readers get the embedded engine and changes wait in the backlog.
        """
        return self._call(self._write_targets)

    def _write_targets(self):
        targets = [self.index_name] if self.client.indices.exists(index=self.index_name) else []
        if self.client.indices.exists_alias(name=self.rebuilding_alias):
            targets.append(self.rebuilding_alias)
        if not targets:
            raise EngineUnavailable(
                f"Elasticsearch index {self.index_name} is missing: run manage.py rebuild_search_index"
            )
        return targets

    def index(self, documents, targets=None):
        documents = list(documents)
        if documents:
            self._call(self._index, documents, targets or self.write_targets())

    def _index(self, documents, targets):
        actions = (
            StoryIndexDocument.from_story(document, target).to_dict(include_meta=True)
            for document in documents
            for target in targets
        )
        self._bulk(actions)

    def remove(self, page_ids, targets=None):
        page_ids = list(page_ids)
        if page_ids:
            self._call(self._remove, page_ids, targets or self.write_targets())

    def _remove(self, page_ids, targets):
        self._bulk({"_op_type": "delete", "_index": target, "_id": pk} for pk in page_ids for target in targets)

    def _bulk(self, actions):
        """Send ``actions``; tolerated: deleting a story the index does not have, and writing to
        a rebuild that ended (its alias moved or gone) since the targets were looked up."""

        def expand(action):
            meta, source = expand_action(action)
            if action_index(meta) == self.rebuilding_alias:
                # Never let a write create an index by that name once the alias has gone.
                next(iter(meta.values()))["require_alias"] = True
            return meta, source

        client = self.client.options(request_timeout=ADMIN_TIMEOUT)
        _, errors = bulk(
            client, actions, refresh=True, chunk_size=500, raise_on_error=False, expand_action_callback=expand
        )
        failed = [
            error
            for error in errors
            for op, result in error.items()
            if not (op == "delete" and result.get("status") == 404)
            and not (result.get("_index") == self.rebuilding_alias and result.get("status") == 404)
        ]
        if failed:
            raise BulkIndexError(f"{len(failed)} index writes failed", failed)

    def clear(self):
        """Put an empty index with our mappings in place of the live one (how tests start)."""
        build = self.start_rebuild()
        build.swap()

    def start_rebuild(self):
        """A new, empty index beside the live one, for rebuild_search_index to fill."""
        return IndexBuild(self)

    def delete_index(self):
        """Delete the live index and any rebuild's, with their aliases."""
        client = self.client.options(request_timeout=ADMIN_TIMEOUT, ignore_status=404)

        def delete():
            names = set(self._indices_of(self.index_name)) | set(self._indices_of(self.rebuilding_alias))
            if names:
                client.indices.delete(index=",".join(sorted(names)))
            elif client.indices.exists(index=self.index_name):  # a concrete index made before aliases
                client.indices.delete(index=self.index_name)
            client.indices.delete(index=self.lock_index)

        self._call(delete)

    def _indices_of(self, alias):
        found = self.client.options(ignore_status=404).indices.get_alias(name=alias)
        return [
            name for name, value in found.body.items() if isinstance(value, dict) and alias in value.get("aliases", {})
        ]

    def index_state(self):
        """What the live index was built with, for the start-up check: None if there is none,
        else {"fingerprint", "shards", "replicas"} (fingerprint None if made before they were)."""
        return self._call(self._index_state)

    def _index_state(self):
        client = self.client.options(ignore_status=404)
        mappings = client.indices.get_mapping(index=self.index_name)
        if mappings.meta.status == 404:
            return None
        _, found = next(iter(mappings.body.items()))
        live = next(iter(client.indices.get_settings(index=self.index_name).body.values()))["settings"]["index"]
        return {
            "fingerprint": found["mappings"].get("_meta", {}).get("fingerprint"),
            "shards": int(live["number_of_shards"]),
            "replicas": int(live["number_of_replicas"]),
        }

    def document_count(self):
        return self._call(self.client.count, index=self.index_name)["count"]

    # --- Search ------------------------------------------------------------------------

    def search(self, request):
        return self._call(self._search, request)

    def _search(self, request):
        response = self.client.search(index=self.index_name, body=search_body(request))
        aggregations = response["aggregations"]
        facets = {name: facet_values(name, aggregations[name]) for name in FACETS}
        hits = [_hit(hit["_source"], hit["_score"] or 0.0) for hit in response["hits"]["hits"]]
        return EngineResult(total=response["hits"]["total"]["value"], hits=hits, facets=facets, engine=self.name)

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
            query=Bool(
                must=[term_query(term, fields={"title": 1.0}, with_words=False)], filter=[_not_expired()]
            ).to_dict(),
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
