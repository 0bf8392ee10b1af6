from django.apps import AppConfig


class LockoutConfig(AppConfig):
    """Password guessing: django-axes on the admin login, and on page and collection passwords."""

    name = "bulletin.lockout"
    verbose_name = "登录保护"
