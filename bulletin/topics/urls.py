from django.urls import path

from . import views
from .feeds import TopicStoriesFeed

app_name = "topics"

urlpatterns = [
    path("", views.topic_list, name="index"),
    path("<uslug:slug>/", views.topic_detail, name="detail"),
    path("<uslug:slug>/feed/", TopicStoriesFeed(), name="feed"),
]
