from django.apps import AppConfig


class TopicsConfig(AppConfig):
    name = "bulletin.topics"
    verbose_name = "专题"
