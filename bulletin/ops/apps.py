from django.apps import AppConfig


class OpsConfig(AppConfig):
    """Commands for running the site: the demo's first login, the page cache."""

    name = "bulletin.ops"
    verbose_name = "运维"
