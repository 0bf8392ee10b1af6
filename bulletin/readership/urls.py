from django.urls import path

from . import views

app_name = "readership"

urlpatterns = [
    path("reads/<int:story_id>/", views.count_read, name="count"),
]
