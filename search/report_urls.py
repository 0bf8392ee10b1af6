from django.urls import path

from .reports import SearchStatisticsView

app_name = "search_statistics"
urlpatterns = [
    path("", SearchStatisticsView.as_view(), name="report"),
    path("results/", SearchStatisticsView.as_view(results_only=True), name="report_results"),
]
