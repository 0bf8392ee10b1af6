from wagtail import hooks

from . import query


@hooks.register("before_serve_page")
def keep_the_page_types_query_params(page, request, serve_args, serve_kwargs):
    # Before the page reads request.GET: it and the page cache see only what its type declares.
    query.keep_only(request, query.page_params(page))
