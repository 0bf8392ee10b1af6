from django.apps import AppConfig


class StoriesConfig(AppConfig):
    name = "bulletin.stories"
    verbose_name = "稿件"
