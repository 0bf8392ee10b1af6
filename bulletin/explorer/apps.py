from django.apps import AppConfig


class ExplorerConfig(AppConfig):
    """The newsroom's list of stories in the admin: newest first, with what print and the desk ask about."""

    name = "bulletin.explorer"
    label = "explorer"
    verbose_name = "稿件库"
