"""Wagtail's document URLs (same names, so Document.url and its templates keep working), served by
our checks-first view, and the collection password form with the lockout on guessing."""

from django.urls import path, re_path

from bulletin.lockout.views import collection_password

from . import views

urlpatterns = [
    re_path(r"^(\d+)/(.*)$", views.serve, name="wagtaildocs_serve"),
    path(
        "authenticate_with_password/<int:restriction_id>/",
        collection_password,
        name="wagtaildocs_authenticate_with_password",
    ),
]
