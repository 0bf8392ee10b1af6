from django.apps import AppConfig


class PeopleConfig(AppConfig):
    name = "bulletin.people"
    verbose_name = "人员"
