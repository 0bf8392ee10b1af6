from django.apps import AppConfig


class StoriesConfig(AppConfig):
    name = "bulletin.stories"
    verbose_name = "稿件"

    def ready(self):
        from bulletin import admin_fields

        admin_fields.register()

        from . import addresses

        addresses.connect()
