from django.template.response import TemplateResponse
from django.urls import reverse

from bulletin import siteurl


def robots_txt(request):
    """robots.txt: where the sitemap is (on SITE_URL), and what crawlers should leave alone.

    Search results are disallowed, not only marked noindex: there is one for every query a
    crawler could make up, each costs a search, and none is a page of its own.
    """
    context = {
        "disallow": [reverse("wagtailadmin_home"), reverse("search:page"), reverse("search:api")],
        "sitemap": siteurl.absolute(reverse("stories:sitemap")),
    }
    return TemplateResponse(request, "seo/robots.txt", context, content_type="text/plain; charset=utf-8")
