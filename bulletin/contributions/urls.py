from django.urls import path

from .views import ContributionReportView

app_name = "contributions"
urlpatterns = [
    path("", ContributionReportView.as_view(), name="report"),
    path("results/", ContributionReportView.as_view(results_only=True), name="report_results"),
]
