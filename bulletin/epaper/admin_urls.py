from django.urls import path

from . import admin_views

app_name = "epaper_admin"

urlpatterns = [
    path("pages/<int:page_id>/regions/", admin_views.region_editor, name="regions"),
]
