from django.apps import AppConfig


class ImportingConfig(AppConfig):
    name = "bulletin.importing"
    verbose_name = "导入"
