from django.urls import path
from wagtail.contrib.sitemaps.views import sitemap

from . import views
from .feeds import LatestStoriesFeed
from .sitemaps import SITEMAPS

app_name = "stories"

urlpatterns = [
    path("notices/", views.notice_list, name="notices"),
    path("briefs/", views.brief_list, name="briefs"),
    path("archive/", views.archive, name="archive"),
    path("archive/<int:year>/<int:month>/", views.archive_month, name="archive_month"),
    path("feed/", LatestStoriesFeed(), name="feed"),
    path("sitemap.xml", sitemap, {"sitemaps": SITEMAPS}, name="sitemap"),
]
