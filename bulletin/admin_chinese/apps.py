from django.apps import AppConfig


class AdminChineseConfig(AppConfig):
    """Simplified Chinese for the Wagtail admin strings its zh_Hans catalogue leaves in English.

    The overrides are a gettext catalogue (locale/zh_Hans/LC_MESSAGES/django.po), not Python: Django
    looks a string up in the catalogues of the installed apps in order, so this app, listed before
    Wagtail's, wins for the msgids it has and leaves the rest to Wagtail. A catalogue keeps each
    override next to Wagtail's exact msgid, so tests/desk/test_translation_overrides.py can tell
    when an upgrade renames one. The compiled .mo is committed, so a fresh clone needs no gettext.
    """

    name = "bulletin.admin_chinese"
    label = "admin_chinese"
    verbose_name = "后台中文"
