from django.urls import path

from . import views

app_name = "epaper"

urlpatterns = [
    path("editions/calendar/", views.calendar_latest, name="calendar_latest"),
    path("editions/calendar/<int:year>/<int:month>/", views.calendar_month, name="calendar"),
    path("editions/<int:number>/<int:page>/", views.page_view, name="page"),
    path("api/editions/<int:number>/", views.edition_api, name="api"),
]
