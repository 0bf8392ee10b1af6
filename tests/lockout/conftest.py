"""A browser-like client (CSRF enforced, the token taken from the form it was given), accounts,
and pages behind a password, for the password-guessing tests."""

import re

import pytest
from django.test import Client
from wagtail.models import PageViewRestriction
from wagtail.rich_text import RichText

from bulletin.stories.models import ArticlePage

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


@pytest.fixture
def editor(django_user_model):
    return django_user_model.objects.create_user("bianji", password="right-password-2023", is_superuser=True)


@pytest.fixture
def other_editor(django_user_model):
    return django_user_model.objects.create_user("zongbian", password="also-right-2023", is_superuser=True)


def private_article(story_index, title, slug):
    page = ArticlePage(title=title, slug=slug, live=False, body=[("paragraph", RichText("<p>内部稿件</p>"))])
    story_index.add_child(instance=page)
    page.save_revision().publish()
    restriction = PageViewRestriction.objects.create(
        page=page, restriction_type=PageViewRestriction.PASSWORD, password=PAGE_PASSWORD
    )
    return page, restriction


@pytest.fixture
def private_page(story_index):
    return private_article(story_index, "内部通报", "neibu")


@pytest.fixture
def other_private_page(story_index):
    return private_article(story_index, "评审名单", "pingshen")
