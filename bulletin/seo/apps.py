from django.apps import AppConfig


class SeoConfig(AppConfig):
    name = "bulletin.seo"
    label = "seo"
    verbose_name = "搜索引擎与分享"
