from django.apps import AppConfig


class WorkflowConfig(AppConfig):
    """Newsroom roles, the review workflow every story goes through, and scheduled publishing."""

    name = "bulletin.workflow"
    label = "workflow"
    verbose_name = "审稿与发布"
