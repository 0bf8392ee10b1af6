from django.apps import AppConfig


class FilesConfig(AppConfig):
    """Uploaded files: documents only through Wagtail's checks, image renditions as public files."""

    name = "bulletin.files"
    verbose_name = "文件"
