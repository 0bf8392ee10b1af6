from django.apps import AppConfig


class EditionsConfig(AppConfig):
    name = "bulletin.editions"
    verbose_name = "报纸期次"
