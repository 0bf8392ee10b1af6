"""The error pages besides 404 and 500, in Chinese: a form sent without its CSRF token
(templates/403_csrf.html, which Django's own CSRF_FAILURE_VIEW renders) and a request Django
refuses as bad (400.html, rendered without looking at the request), over real HTTP to a live
server; a page the user may not see (403.html)."""

import http.client
from urllib.parse import urlencode, urlsplit

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import include, path, reverse

from tests.lockout.conftest import PAGE_PASSWORD, private_article

# The live server answers from another thread: it sees only committed rows.
over_a_live_server = pytest.mark.django_db(transaction=True, serialized_rollback=True)

# Django's own error pages, in English and in the zh-hans of its translations (LANGUAGE_CODE):
# none may show through ours.
DJANGOS_OWN = (
    "Forbidden",
    "Bad Request",
    "CSRF",
    "DEBUG",
    "Referer",
    "More information",
    "禁止访问",
    "CSRF验证失败",
)


def over_http(live_server, method, path, host=None, fields=None):
    """(status, body) of one request to the live server, sent as a browser would send it."""
    address = urlsplit(live_server.url)
    connection = http.client.HTTPConnection(address.hostname, address.port, timeout=30)
    headers = {"Host": host or address.netloc}
    body = None
    if fields is not None:
        body = urlencode(fields)
        headers["Content-Type"] = "application/x-www-form-urlencoded"
    try:
        connection.request(method, path, body=body, headers=headers)
        response = connection.getresponse()
        return response.status, response.read().decode()
    finally:
        connection.close()


def assert_ours(body, heading):
    assert f"<h1>{heading}</h1>" in body
    assert '<html lang="zh-Hans">' in body
    shown = [text for text in DJANGOS_OWN if text in body]
    assert not shown, f"Django's own error page shows through: {shown}"


@over_a_live_server
def test_a_form_sent_without_its_csrf_token_gets_the_chinese_403_page(live_server, story_index):
    page, restriction = private_article("内部通报", "neibu")
    action = reverse("wagtailcore_authenticate_with_password", args=[restriction.pk, page.pk])
    status, form = over_http(live_server, "GET", page.url)
    assert status == 200 and f'action="{action}' in form  # the reader's form, with its token

    # Sent without the token and its cookie, as from a page left open past the cookie's life.
    status, body = over_http(live_server, "POST", action, fields={"password": PAGE_PASSWORD, "return_url": page.url})

    assert status == 403
    assert_ours(body, "表单没能提交")
    assert "刷新后重新提交" in body
    assert 'class="site-header"' in body and 'role="search"' in body  # the site's own layout
    assert "内部稿件" not in body  # and the page stays closed


@over_a_live_server
def test_a_request_django_refuses_as_bad_gets_the_chinese_400_page(live_server, settings):
    settings.DEBUG = False
    settings.ALLOWED_HOSTS = ["news.example.cn"]

    status, body = over_http(live_server, "GET", "/", host="attacker.example")

    assert status == 400  # DisallowedHost, a SuspiciousOperation
    assert_ours(body, "无法处理这个请求")
    assert "请检查网址是否正确" in body
    assert "attacker.example" not in body  # nothing taken from the request it refused


def refused(request):
    raise PermissionDenied


# The site's own addresses, and one that refuses as a view of ours would: the admin answers a
# refusal with a redirect and a message, and no reader view refuses today, so none reaches 403.html.
urlpatterns = [path("refused/", refused), path("", include("bulletin.urls"))]


@pytest.mark.django_db
def test_a_page_the_user_may_not_see_gets_the_chinese_403_page(client, settings):
    settings.ROOT_URLCONF = __name__

    response = client.get("/refused/")

    assert response.status_code == 403
    body = response.content.decode()
    assert_ours(body, "无权查看这个页面")
    assert 'class="site-header"' in body and 'role="search"' in body


@pytest.mark.django_db
def test_the_bad_request_page_needs_neither_the_request_nor_the_database():
    """Whatever made the request bad (a refused Host, too many fields) must not make its page fail."""
    from django.db import connection
    from django.template.loader import render_to_string
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as queries:
        page = render_to_string("400.html")
    assert "<h1>无法处理这个请求</h1>" in page and not queries
