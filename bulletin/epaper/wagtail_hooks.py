from django.urls import include, path
from wagtail import hooks

from . import admin_urls


@hooks.register("register_admin_urls")
def register_region_editor_urls():
    return [path("epaper/", include(admin_urls))]
