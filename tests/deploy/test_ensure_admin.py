"""manage.py ensure_admin: the demo's first login."""

import stat
from io import StringIO

import pytest
from django.contrib.auth import authenticate, get_user_model
from django.core.management import call_command
from django.test import RequestFactory

pytestmark = pytest.mark.django_db


def ensure_admin(password_file):
    out = StringIO()
    call_command("ensure_admin", url="http://127.0.0.1:8000/admin/", password_file=password_file, stdout=out)
    return dict(line.split(": ", 1) for line in out.getvalue().splitlines() if ": " in line)


def test_creates_an_admin_who_can_log_in_with_the_printed_password(tmp_path):
    login = ensure_admin(tmp_path / "admin.txt")

    assert login["Admin"].strip() == "http://127.0.0.1:8000/admin/"
    # As the admin's login form calls it: django-axes counts attempts per address, from the request.
    request = RequestFactory().post("/admin/login/")
    user = authenticate(request, username=login["Username"].strip(), password=login["Password"].strip())
    assert user is not None and user.is_superuser
    assert stat.S_IMODE((tmp_path / "admin.txt").stat().st_mode) == 0o600


def test_running_again_creates_no_second_admin_and_repeats_the_login(tmp_path):
    first = ensure_admin(tmp_path / "admin.txt")
    second = ensure_admin(tmp_path / "admin.txt")

    assert get_user_model().objects.filter(is_superuser=True).count() == 1
    assert second == first


def test_an_existing_admin_is_kept_and_no_password_is_invented(tmp_path, django_user_model):
    django_user_model.objects.create_superuser("chief", password="own-secret-123")

    login = ensure_admin(tmp_path / "admin.txt")

    assert login["Username"].strip() == "chief"
    assert "changepassword chief" in login["Password"]
    assert django_user_model.objects.count() == 1
    assert not (tmp_path / "admin.txt").exists()
