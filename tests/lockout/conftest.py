"""A browser-like client (CSRF enforced, the token taken from the form it was given) and pages
behind a password, for the password-guessing tests (accounts: tests/conftest.py)."""

import re

import pytest
from django.test import Client
from wagtail.models import PageViewRestriction

from tests.newsroom import Newsroom

PAGE_PASSWORD = "jizhe-2023"


class FormClient(Client):
    """Posts forms the way a browser does: GET the page, send its CSRF token back with the fields."""

    def __init__(self, address="127.0.0.1"):
        super().__init__(enforce_csrf_checks=True, REMOTE_ADDR=address)

    def submit(self, form_page, action, **fields):
        page = self.get(form_page)
        assert page.status_code == 200, page
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page.content.decode())
        return self.post(action, {"csrfmiddlewaretoken": token.group(1), **fields})

    def admin_login(self, username, password):
        return self.submit("/admin/login/", "/admin/login/", username=username, password=password)


@pytest.fixture
def browser():
    return FormClient()


def private_article(title, slug):
    page = Newsroom().article(title, "内部稿件", slug=slug, restricted="password", password=PAGE_PASSWORD)
    return page, PageViewRestriction.objects.get(page=page)


@pytest.fixture
def private_page(story_index):
    return private_article("内部通报", "neibu")


@pytest.fixture
def other_private_page(story_index):
    return private_article("评审名单", "pingshen")
