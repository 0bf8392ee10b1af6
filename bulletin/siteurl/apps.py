from django.apps import AppConfig
from django.conf import settings
from django.db.models.signals import post_migrate


class SiteURLConfig(AppConfig):
    name = "bulletin.siteurl"
    label = "siteurl"
    verbose_name = "站点地址"

    def ready(self):
        from . import parse

        parse(settings.SITE_URL)  # a malformed SITE_URL stops the site at start, not at a crawl
        # Sent once per app with models after every migrate: once, for the app the Site is in.
        wagtailcore = self.apps.get_app_config("wagtailcore")
        post_migrate.connect(sync_wagtail_site, sender=wagtailcore, dispatch_uid="siteurl-sync-wagtail-site")


def sync_wagtail_site(using, **kwargs):
    """Point Wagtail's default Site at SITE_URL's host and port (page.full_url, the admin's links)."""
    from wagtail.models import Site

    from . import parse

    __, hostname, port = parse(settings.SITE_URL)
    site = Site.objects.using(using).filter(is_default_site=True).first()
    if site and (site.hostname, site.port) != (hostname, port):
        site.hostname, site.port = hostname, port
        site.save(using=using)
