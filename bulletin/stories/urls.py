from django.urls import path

from . import sitemaps, views
from .feeds import LatestStoriesFeed

app_name = "stories"

urlpatterns = [
    path("notices/", views.notice_list, name="notices"),
    path("briefs/", views.brief_list, name="briefs"),
    path("archive/", views.archive, name="archive"),
    path("archive/<int:year>/<int:month>/", views.archive_month, name="archive_month"),
    path("archive/<int:year>/<int:month>/<int:day>/", views.archive_day, name="archive_day"),
    path("feed/", LatestStoriesFeed(), name="feed"),
    path("sitemap.xml", sitemaps.index, name="sitemap"),
    path("sitemap-<slug:section>.xml", sitemaps.section, name="sitemap-section"),
]
