from django.urls import path

from . import views

app_name = "epaper"

urlpatterns = [
    path("calendar/", views.calendar_latest, name="calendar_latest"),
    path("calendar/<int:year>/<int:month>/", views.calendar_month, name="calendar"),
    path("<int:number>/<int:page>/", views.page_view, name="page"),
]
