"""Reader search from query to result list: what the search page and the JSON API both call."""

from dataclasses import dataclass, field

from django.db.models import CharField, DateField, Value
from django.db.models.functions import Cast

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
    return text.parse_query(query, synonyms=Synonym.table())


NO_FILTERS = Filters()


def search(query, filters=NO_FILTERS, sort="relevance", page=1, page_size=20, http_request=None):
    terms = parse(query)
    request = SearchRequest(
        terms=tuple(terms), filters=filters, sort=sort, offset=(page - 1) * page_size, limit=page_size
    )
    outcome = reader_engine().search(request)
    urls = reader_urls([hit.page_id for hit in outcome.hits], http_request)
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
        # The index follows every publish, unpublish, move and restriction; this check is the
        # belt to those braces, on the twenty or so stories actually shown.
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
    urls = reader_urls([hit.page_id for hit in hits], http_request)
    return [
        {"title": hit.title, "url": urls[hit.page_id], "date": hit.date.isoformat(), "kind": hit.kind}
        for hit in hits
        if hit.page_id in urls
    ]


def reader_urls(page_ids, http_request=None):
    """URLs of those of the pages readers may see now."""
    pages = StoryPage.objects.for_readers().filter(pk__in=page_ids)
    return {page.pk: page.get_url(request=http_request) for page in pages}


def facet_names(facets):
    """The names of the facets' topics, people and editions, in one query for the three."""
    empty_date = Cast(Value(None), DateField())
    topics = Topic.objects.filter(slug__in=[v for v, _ in facets.get("topic", [])]).values_list(
        Value("topic"), "slug", "name", empty_date
    )
    people = Person.objects.filter(slug__in={v.split(":", 1)[0] for v, _ in facets.get("person", [])}).values_list(
        Value("person"), "slug", "name", empty_date
    )
    editions = Edition.objects.filter(number__in=[v for v, _ in facets.get("edition", [])]).values_list(
        Value("edition"), Cast("number", CharField()), "title", "date"
    )
    names = {"topic": {}, "person": {}, "edition": {}}
    if any(facets.get(name) for name in names):
        # Ordering is not allowed inside a compound statement; the rows go into dictionaries.
        for name, key, label, date in topics.order_by().union(people.order_by(), editions.order_by(), all=True):
            names[name][key] = str(Edition(number=int(key), title=label, date=date)) if name == "edition" else label
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
