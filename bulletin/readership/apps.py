from django.apps import AppConfig


class ReadershipConfig(AppConfig):
    name = "bulletin.readership"
    verbose_name = "阅读量"
