from django.apps import AppConfig


class IdentityConfig(AppConfig):
    name = "bulletin.identity"
    verbose_name = "网站信息"
