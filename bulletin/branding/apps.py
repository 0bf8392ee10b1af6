from django.apps import AppConfig


class BrandingConfig(AppConfig):
    """The newsroom's name and logo on the admin and its login page, where Wagtail shows its own.

    Wagtail's documented branding blocks, overridden by templates of the same names (this app comes
    before wagtail.admin). The name is WAGTAIL_SITE_NAME and the logo the reader site's
    static/img/logo.png, so the admin shows what readers see.
    """

    name = "bulletin.branding"
    label = "branding"
    verbose_name = "后台品牌"
