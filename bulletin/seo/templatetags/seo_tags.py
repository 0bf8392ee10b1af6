"""Tags for a page's <head>: plain text of a block, the canonical address, a story's metadata,
and JSON-LD that cannot end its own <script> element."""

import html
import json

from django import template
from django.core.serializers.json import DjangoJSONEncoder
from django.http import QueryDict
from django.utils.encoding import iri_to_uri
from django.utils.html import format_html, strip_tags
from django.utils.safestring import mark_safe
from wagtail.models import Page

from bulletin import siteurl
from bulletin.seo import metadata

register = template.Library()

# As Django's json_script filter escapes: "</script>" or "<!--" in a string cannot end or
# comment out the element, and the data block stays valid JSON.
JSON_SCRIPT_ESCAPES = {ord(">"): "\\u003E", ord("<"): "\\u003C", ord("&"): "\\u0026"}


class PlainTextNode(template.Node):
    def __init__(self, nodelist, name):
        self.nodelist, self.name = nodelist, name

    def render(self, context):
        rendered = self.nodelist.render(context)
        context[self.name] = " ".join(html.unescape(strip_tags(rendered)).split())
        return ""


@register.tag
def plaintext(parser, token):
    """``{% plaintext as name %}…{% endplaintext %}``: what the enclosed template renders, as
    plain text with its white space collapsed, in ``name``; nothing is output.

    A page's title and description are written once, as template blocks, and used in <title>,
    <meta name="description"> and Open Graph alike. ``name`` is plain text: ``{{ name }}``
    escapes it once more for HTML, so a title's quotes and angle brackets stay text.
    """
    bits = token.split_contents()
    if len(bits) != 3 or bits[1] != "as":
        raise template.TemplateSyntaxError("用法：{% plaintext as 变量名 %}…{% endplaintext %}")
    nodelist = parser.parse(("endplaintext",))
    parser.delete_first_token()
    return PlainTextNode(nodelist, bits[2])


@register.simple_tag
def site_name():
    return metadata.site_name()


@register.simple_tag(takes_context=True)
def canonical_url(context, page_obj=None):
    """The page's address on SITE_URL.

    The path is a Wagtail page's own URL (whatever path it was reached by), else the request's.
    The query keeps only what the view declares it reads (bulletin/caching/query.py has already
    cut the request down to that, so ``?utm_source=…`` never gets in). For a paginated list,
    ``page_obj`` is the page shown: ``?page=N`` names it, as Google asks of paginated series, and
    page 1 (also what ``?page=junk`` shows) has no parameter.
    """
    request = context.get("request")
    if request is None:  # a page rendered outside a request has no address of its own
        return ""
    page = context.get("page")
    path = request.path
    if isinstance(page, Page):
        parts = page.get_url_parts(request)
        if parts:
            path = parts[2]
    declared = hasattr(request, "page_cache_params")
    query = request.GET.copy() if declared else QueryDict(mutable=True)
    number = getattr(page_obj, "number", None)  # no page_obj: a search page without a query
    if number is not None:
        query.pop("page", None)
        if number > 1:
            query["page"] = number
    url = siteurl.absolute(iri_to_uri(path))  # as a crawler sends it: /topics/%E5%8A%A9%E6%AE%8B/
    return f"{url}?{query.urlencode()}" if query else url


@register.simple_tag
def story_metadata(story, url, description):
    """``{% story_metadata page canonical description as meta %}``: see bulletin/seo/metadata.py."""
    return metadata.story_metadata(story, url, description)


@register.simple_tag
def json_ld(data):
    """``data`` as a JSON-LD <script> element, serialised and escaped in this one place."""
    text = json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False).translate(JSON_SCRIPT_ESCAPES)
    return format_html('<script type="application/ld+json">{}</script>', mark_safe(text))
