from django.apps import AppConfig


class ContributionsConfig(AppConfig):
    name = "bulletin.contributions"
    verbose_name = "稿件统计"
