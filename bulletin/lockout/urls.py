"""Wagtail's page password form at its own address, with the lockout on guessing. Listed before
wagtail.urls, so this view answers; the URL and its name stay Wagtail's."""

from django.urls import path

from .views import page_password

urlpatterns = [
    path(
        "_util/authenticate_with_password/<int:page_view_restriction_id>/<int:page_id>/",
        page_password,
        name="wagtailcore_authenticate_with_password",
    ),
]
