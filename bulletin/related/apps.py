from django.apps import AppConfig


class RelatedConfig(AppConfig):
    name = "bulletin.related"
    verbose_name = "相关稿件"

    def ready(self):
        from . import updating

        updating.connect_signals()
