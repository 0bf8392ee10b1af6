"""Reader search from query to result list: what the search page and the JSON API both call."""

from dataclasses import dataclass, field

from django.db.models import CharField, DateField, Value
from django.db.models.functions import Cast

from bulletin.caching import pagecache
from bulletin.editions.models import Edition
from bulletin.people.models import Person
from bulletin.stories.models import Kind, StoryPage
from bulletin.topics.models import Topic

from . import text
from .engines import FACETS, Filters, SearchRequest, reader_engine
from .highlight import highlight, snippet
from .models import Synonym

SUGGESTION_LIMIT = 8


@dataclass
class Result:
    page_id: int
    title: str
    title_html: str
    url: str
    kind: str
    kind_label: str
    date: object
    topics: list
    bylines: list
    snippet: str  # HTML: text escaped, matches in <mark>


@dataclass
class FacetValue:
    value: str
    label: str
    count: int
    selected: bool = False


@dataclass
class SearchResponse:
    query: str
    terms: list
    count: int
    page: int
    page_size: int
    sort: str
    filters: Filters
    results: list = field(default_factory=list)
    facets: dict = field(default_factory=dict)
    engine: str = ""


def parse(query):
    """The query's terms with the editors' synonyms attached; raises text.QueryError."""
    return text.parse_query(query, synonyms=synonyms())


def synonyms():
    """Synonym.table(), read once per page-cache generation (a change to a synonym starts a new
    one, search.signals) rather than on every search."""
    return pagecache.memoize("synonyms", Synonym.table, uncached_lifetime=pagecache.UNCACHED_MEMO_LIFETIME)


NO_FILTERS = Filters()


def search(query, filters=NO_FILTERS, sort="relevance", page=1, page_size=20, http_request=None):
    terms = parse(query)
    request = SearchRequest(
        terms=tuple(terms), filters=filters, sort=sort, offset=(page - 1) * page_size, limit=page_size
    )
    outcome = reader_engine().search(request)
    urls = reader_urls(outcome.hits, http_request)
    results = [
        Result(
            page_id=hit.page_id,
            title=hit.title,
            title_html=highlight(hit.title, terms),
            url=urls[hit.page_id],
            kind=hit.kind,
            kind_label=Kind(hit.kind).label,
            date=hit.date,
            topics=[t["name"] for t in hit.topics],
            bylines=[{"name": b["name"], "role": b["role"], "slug": b["slug"]} for b in hit.bylines],
            snippet=snippet([hit.body, hit.subtitle], terms),
        )
        for hit in outcome.hits
        if hit.page_id in urls
    ]
    return SearchResponse(
        query=query,
        terms=terms,
        count=outcome.total,
        page=page,
        page_size=page_size,
        sort=sort,
        filters=filters,
        results=results,
        facets=label_facets(outcome.facets, filters),
        engine=outcome.engine,
    )


def suggest(query, http_request=None):
    """Titles of live public stories containing what the reader typed so far."""
    terms = parse(query)
    # Suggestions complete the whole input as one piece of a title, spaces included.
    term = text.Term(text=query, runs=tuple(run for t in terms for run in t.runs))
    hits = reader_engine().suggest(term, SUGGESTION_LIMIT)
    urls = reader_urls(hits, http_request)
    return [
        {"title": hit.title, "url": urls[hit.page_id], "date": hit.date.isoformat(), "kind": hit.kind}
        for hit in hits
        if hit.page_id in urls
    ]


def reader_urls(hits, http_request=None):
    """URLs of those of the hits' stories readers may see now.

    The index follows every publish, unpublish, move and restriction; this check is the belt to
    those braces, on the twenty or so stories actually shown. The embedded engine made it as it
    read their text (Hit.page); the others' hits are checked here.
    """
    pages = [hit.page for hit in hits if hit.page is not None]
    if unchecked := [hit.page_id for hit in hits if hit.page is None]:
        pages += StoryPage.objects.for_readers().filter(pk__in=unchecked)
    return {page.pk: page.get_url(request=http_request) for page in pages}


def facet_names(facets):
    """The names of the facets' topics, people and editions: one statement for the three (a
    round trip costs more than the rows), each row (facet, value, name, edition date)."""
    names = {"topic": {}, "person": {}, "edition": {}}
    if not any(facets.get(name) for name in names):
        return names
    no_date = Cast(Value(None), DateField())  # the columns of a UNION have one type each
    topics = Topic.objects.filter(slug__in=[v for v, _ in facets.get("topic", [])])
    people = Person.objects.filter(slug__in={v.split(":", 1)[0] for v, _ in facets.get("person", [])})
    editions = Edition.objects.filter(number__in=[v for v, _ in facets.get("edition", [])])
    rows = (
        topics.values_list(Value("topic"), "slug", "name", no_date)
        .order_by()
        .union(
            people.values_list(Value("person"), "slug", "name", no_date).order_by(),
            editions.values_list(Value("edition"), Cast("number", CharField()), "title", "date").order_by(),
            all=True,
        )
    )
    for facet, value, name, date in rows:
        names[facet][value] = Edition.label(value, name, date) if facet == "edition" else name
    return names


def label_facets(facets, filters):
    """Facet values with the names readers see, selected ones marked."""
    names = facet_names(facets)

    def label(name, value):
        if name == "topic":
            return names["topic"].get(value, value)
        if name == "kind":
            return Kind(value).label
        if name == "person":
            slug, _, role = value.partition(":")
            return f"{names['person'].get(slug, slug)}（{role}）"
        if name == "year":
            return f"{value}年"
        if name == "month":
            return f"{value}月"
        return names["edition"].get(value, f"第{value}期")

    labelled = {}
    for name in FACETS:
        selected = getattr(filters, name)
        labelled[name] = [
            FacetValue(value=value, label=label(name, value), count=count, selected=str(selected) == value)
            for value, count in facets.get(name, [])
        ]
    return labelled
