"""Password guessing through the real forms: django-axes locks an account (admin login) or a
page's password (page password form) for one address after AXES_FAILURE_LIMIT failures, with a
Chinese message; other addresses and other accounts or pages go on; the lock ends with the
cool-off or when an operator resets it. The counts live in the database (axes' AccessAttempt).
"""

import datetime

import pytest
from axes.models import AccessAttempt
from django.conf import settings
from django.core.files.base import ContentFile
from django.core.management import call_command
from django.db.models import F
from wagtail.documents.models import Document
from wagtail.models import Collection, CollectionViewRestriction

from tests.newsroom import PASSWORD

from .conftest import PAGE_PASSWORD, FormClient

pytestmark = pytest.mark.django_db

LOCKED = "尝试次数过多"


def guess_wrong_until_locked(attempt):
    """Fail AXES_FAILURE_LIMIT times; the forms answer normally until the last failure locks."""
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        response = attempt("wrong-password")
        assert response.status_code == 200 and LOCKED not in response.content.decode()
    response = attempt("wrong-password")
    assert_locked(response)


def assert_locked(response):
    assert response.status_code == 429
    text = response.content.decode()
    assert LOCKED in text
    assert f"{int(settings.AXES_COOLOFF_TIME.total_seconds() // 60)} 分钟后再试" in text


def let_the_cool_off_pass():
    """Time travel for axes: its records grow older by the cool-off, as if that much time passed."""
    AccessAttempt.objects.update(
        attempt_time=F("attempt_time") - settings.AXES_COOLOFF_TIME - datetime.timedelta(seconds=1)
    )


def test_admin_login_refuses_even_the_right_password_after_repeated_failures(browser, editor):
    guess_wrong_until_locked(lambda password: browser.admin_login("editor", password))

    assert_locked(browser.admin_login("editor", PASSWORD))
    assert "_auth_user_id" not in browser.session
    # Wagtail's other login form (for private pages) refuses it too: the lock is on the account.
    assert_locked(browser.submit("/_util/login/", "/_util/login/", username="editor", password=PASSWORD))


def test_admin_lockout_is_per_account_and_address(browser, editor, chief):
    guess_wrong_until_locked(lambda password: browser.admin_login("editor", password))

    from_elsewhere = FormClient(address="203.0.113.9")
    assert from_elsewhere.admin_login("editor", PASSWORD).status_code == 302
    assert browser.admin_login("chief", PASSWORD).status_code == 302


def test_admin_login_works_again_after_the_cool_off(browser, editor):
    guess_wrong_until_locked(lambda password: browser.admin_login("editor", password))

    let_the_cool_off_pass()

    response = browser.admin_login("editor", PASSWORD)
    assert response.status_code == 302
    assert browser.get("/admin/").status_code == 200


def test_an_operator_can_lift_a_lockout(browser, editor):
    guess_wrong_until_locked(lambda password: browser.admin_login("editor", password))

    call_command("axes_reset_username", "editor")

    assert browser.admin_login("editor", PASSWORD).status_code == 302


def test_a_success_clears_the_count(browser, editor):
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        browser.admin_login("editor", "wrong-password")
    assert browser.admin_login("editor", PASSWORD).status_code == 302
    browser.logout()

    assert browser.admin_login("editor", "wrong-password").status_code == 200


def page_password(client, page, restriction, password):
    return client.submit(
        page.url,
        f"/_util/authenticate_with_password/{restriction.id}/{page.id}/",
        password=password,
        return_url=page.url,
    )


def test_a_page_password_form_refuses_even_the_right_password_after_repeated_failures(browser, private_page):
    page, restriction = private_page
    assert "内部稿件" not in browser.get(page.url).content.decode()

    guess_wrong_until_locked(lambda password: page_password(browser, page, restriction, password))

    assert_locked(page_password(browser, page, restriction, PAGE_PASSWORD))
    assert "内部稿件" not in browser.get(page.url).content.decode()


def test_a_page_password_lockout_is_per_page_and_address(browser, private_page, other_private_page):
    page, restriction = private_page
    guess_wrong_until_locked(lambda password: page_password(browser, page, restriction, password))

    other_page, other_restriction = other_private_page
    assert page_password(browser, other_page, other_restriction, PAGE_PASSWORD).status_code == 302
    assert "内部稿件" in browser.get(other_page.url).content.decode()

    from_elsewhere = FormClient(address="203.0.113.9")
    assert page_password(from_elsewhere, page, restriction, PAGE_PASSWORD).status_code == 302
    assert "内部稿件" in from_elsewhere.get(page.url).content.decode()


def test_a_page_password_works_again_after_the_cool_off(browser, private_page):
    page, restriction = private_page
    guess_wrong_until_locked(lambda password: page_password(browser, page, restriction, password))

    let_the_cool_off_pass()

    assert page_password(browser, page, restriction, PAGE_PASSWORD).status_code == 302
    assert "内部稿件" in browser.get(page.url).content.decode()


def test_page_password_guesses_are_not_an_accounts_failures(browser, editor, private_page):
    page, restriction = private_page
    guess_wrong_until_locked(lambda password: page_password(browser, page, restriction, password))

    assert browser.admin_login("editor", PASSWORD).status_code == 302


def test_django_admin_is_gone(client):
    assert client.get("/django-admin/").status_code == 404
    assert client.get("/django-admin/login/").status_code == 404


def test_a_collection_password_form_is_locked_out_too(browser, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    collection = Collection.get_first_root_node().add_child(name="评审材料")
    restriction = CollectionViewRestriction.objects.create(
        collection=collection, restriction_type=CollectionViewRestriction.PASSWORD, password=PAGE_PASSWORD
    )
    document = Document.objects.create(
        title="评审名单", file=ContentFile(b"jury only", name="pingshen.txt"), collection=collection
    )

    def attempt(password):
        action = f"/documents/authenticate_with_password/{restriction.id}/"
        return browser.submit(document.url, action, password=password, return_url=document.url)

    guess_wrong_until_locked(attempt)

    assert_locked(attempt(PAGE_PASSWORD))
    response = browser.get(document.url)
    assert not response.streaming and b"jury only" not in response.content
