"""The reader search page and the JSON search API (with title suggestions)."""

from urllib.parse import urlencode

from django.core.paginator import Paginator
from django.http import JsonResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from bulletin.epaper.reading import attach_print_locations
from bulletin.topics.models import Topic

from . import querylog, service
from .forms import SearchForm
from .text import QueryError

FACET_TITLES = {"kind": "类型", "topic": "专题", "year": "年份", "month": "月份", "person": "人员", "edition": "期次"}


def _with_engine(response, engine):
    # Which engine answered (elasticsearch, or embedded when it stood in): for operators.
    response["X-Search-Engine"] = engine
    return response


def _answered(request, response, outcome):
    """Count the search (querylog), and mark its answer, so a cached copy is counted too."""
    querylog.record(request.GET, outcome.count)
    response[querylog.COUNT_HEADER] = outcome.count
    return _with_engine(response, outcome.engine)


@require_GET
def search_page(request):
    form = SearchForm(request.GET)
    context = {"form": form, "query": request.GET.get("q", "").strip()}
    if not form.is_valid():
        # The same 400 as the JSON API's: a bad or unknown parameter, shown with the form.
        context["error"] = "；".join(message for messages in form.error_messages().values() for message in messages)
        return render(request, "search/search.html", context, status=400)
    if not form.cleaned_data["q"]:
        context["topics"] = Topic.objects.with_public_stories()
        return render(request, "search/search.html", context)
    data = form.cleaned_data
    try:
        outcome = service.search(
            data["q"], form.filters(), data["sort"], data["page"], data["page_size"], http_request=request
        )
    except QueryError as error:
        context["error"] = str(error)
        return render(request, "search/search.html", context, status=400)
    context.update(_page_context(request, outcome))
    attach_print_locations(outcome.results)
    return _answered(request, render(request, "search/search.html", context), outcome)


def _page_context(request, outcome):
    def url_with(**changes):
        """This search's URL with some parameters changed (None drops one), from page 1."""
        merged = {key: value for key, value in request.GET.items() if value and key != "page"}
        for key, value in changes.items():
            if value is None:
                merged.pop(key, None)
            else:
                merged[key] = value
        return "?" + urlencode(merged)

    facets = []
    for name, values in outcome.facets.items():
        # Months mean something to a reader within a year: offered once one is chosen.
        if not values or (name == "month" and outcome.filters.year is None):
            continue
        links = [
            {
                "label": value.label,
                "count": value.count,
                "selected": value.selected,
                "url": url_with(**{name: None if value.selected else value.value}),
            }
            for value in values
        ]
        facets.append({"name": name, "title": FACET_TITLES[name], "values": links})
    # Paginator over a range: only the page numbers are needed, the results are already cut.
    page_obj = Paginator(range(outcome.count), outcome.page_size).get_page(outcome.page)
    return {
        "outcome": outcome,
        "facets": facets,
        "page_obj": page_obj,
        "sort_urls": {"relevance": url_with(sort=None), "date": url_with(sort="date")},
        "active_filters": [
            {"label": value.label, "url": url_with(**{name: None})}
            for name, values in outcome.facets.items()
            for value in values
            if value.selected
        ],
    }


@require_GET
def search_api(request):
    form = SearchForm(request.GET)
    if not form.is_valid():
        return _bad_request(form.error_messages())
    data = form.cleaned_data
    if not data["q"]:
        return _bad_request({"q": ["请提供搜索词 q。"]})
    try:
        outcome = service.search(
            data["q"], form.filters(), data["sort"], data["page"], data["page_size"], http_request=request
        )
    except QueryError as error:
        return _bad_request({"q": [str(error)]})
    body = {
        "query": outcome.query,
        "count": outcome.count,
        "page": outcome.page,
        "page_size": outcome.page_size,
        "sort": outcome.sort,
        "results": [
            {
                "title": result.title,
                "url": result.url,
                "kind": result.kind,
                "date": result.date.isoformat(),
                "topics": result.topics,
                "bylines": [{"name": b["name"], "role": b["role"]} for b in result.bylines],
                "snippet": str(result.snippet),
            }
            for result in outcome.results
        ],
        "facets": {
            name: [{"value": v.value, "label": v.label, "count": v.count} for v in values]
            for name, values in outcome.facets.items()
        },
    }
    return _answered(request, JsonResponse(body, json_dumps_params={"ensure_ascii": False}), outcome)


@require_GET
def suggest_api(request):
    query = request.GET.get("q", "").strip()
    if not query:
        return _bad_request({"q": ["请提供搜索词 q。"]})
    try:
        suggestions = service.suggest(query, http_request=request)
    except QueryError as error:
        return _bad_request({"q": [str(error)]})
    return JsonResponse({"query": query, "suggestions": suggestions}, json_dumps_params={"ensure_ascii": False})


def _bad_request(errors):
    message = "；".join(m for messages in errors.values() for m in messages)
    return JsonResponse({"error": message, "errors": errors}, status=400, json_dumps_params={"ensure_ascii": False})
