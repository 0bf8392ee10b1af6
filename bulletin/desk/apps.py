from django.apps import AppConfig


class DeskConfig(AppConfig):
    """The admin's home page as the newsroom's desk: what went out, what waits, what comes next."""

    name = "bulletin.desk"
    label = "desk"
    verbose_name = "编辑台"
