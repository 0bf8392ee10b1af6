from django.apps import AppConfig


class CachingConfig(AppConfig):
    name = "bulletin.caching"
    verbose_name = "页面缓存"

    def ready(self):
        from . import invalidation

        invalidation.connect_signals()
