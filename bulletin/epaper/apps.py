from django.apps import AppConfig


class EpaperConfig(AppConfig):
    name = "bulletin.epaper"
    verbose_name = "数字报"
