"""Run Wagtail's publish_scheduled every minute, for as long as the site is served.

tools/serve.sh starts this beside gunicorn, so scheduled go-live and expiry happen without cron.
One long-lived process costs less than starting Django every minute.
"""

import logging
import time

from django.core.management import call_command
from django.core.management.base import BaseCommand
from django.db import connections

logger = logging.getLogger(__name__)


class Command(BaseCommand):
    help = "Run publish_scheduled every --interval seconds until stopped."

    def add_arguments(self, parser):
        parser.add_argument("--interval", type=float, default=60, help="seconds between runs (default 60)")

    def handle(self, *, interval, **options):
        while True:
            try:
                call_command("publish_scheduled")
            except Exception:
                # A database restart or a bad revision must not end scheduled publishing for good.
                logger.exception("publish_scheduled failed; trying again in %s seconds", interval)
            finally:
                connections.close_all()
            time.sleep(interval)
