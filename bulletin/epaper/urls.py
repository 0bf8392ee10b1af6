from django.urls import path

from . import views

app_name = "epaper"

urlpatterns = [
    path("api/editions/<int:number>/", views.edition_api, name="api"),
]
