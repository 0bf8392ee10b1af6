"""Numbered pagination for every reader list (templates/includes/pagination.html)."""

from django import template
from django.utils.encoding import escape_uri_path
from django.utils.http import urlencode

register = template.Library()


@register.simple_tag(takes_context=True)
def page_links(context, page_obj):
    """What the pagination shows for ``page_obj``: a link per page number (the first and the last
    always, two either side of the current one, … for the gaps), 上一页/下一页, and the other
    query parameters for the jump form, which must keep them (a search's words, its filters).

    Links keep the request's parameters, which the page cache has already cut down to those the
    view declares (bulletin/caching/query.py); page 1 is the address without ``page``.
    """
    request = context["request"]
    others = [(name, value) for name, value in request.GET.items() if name != "page" and value]

    def url(number):
        query = others + ([("page", number)] if number > 1 else [])
        return f"?{urlencode(query)}" if query else escape_uri_path(request.path)

    paginator = page_obj.paginator
    numbers = []
    for number in paginator.get_elided_page_range(page_obj.number, on_each_side=2, on_ends=1):
        if number == paginator.ELLIPSIS:
            numbers.append({"ellipsis": True})
        else:
            numbers.append({"number": number, "url": url(number), "current": number == page_obj.number})
    return {
        "numbers": numbers,
        "previous": url(page_obj.previous_page_number()) if page_obj.has_previous() else None,
        "next": url(page_obj.next_page_number()) if page_obj.has_next() else None,
        "hidden": others,
    }
