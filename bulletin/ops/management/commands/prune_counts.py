"""Forget reader searches and daily reads older than the reports show, so that neither table
grows for ever: publish_scheduled_loop runs this once a day."""

from django.conf import settings
from django.core.management.base import BaseCommand

from bulletin.readership import most_read
from search import querylog


class Command(BaseCommand):
    help = (
        "Delete reader searches older than READER_SEARCH_RETENTION_DAYS and daily reads older than "
        "DAILY_READS_RETENTION_DAYS (settings)."
    )

    def handle(self, **options):
        searches = querylog.prune(settings.READER_SEARCH_RETENTION_DAYS)
        reads = most_read.prune(settings.DAILY_READS_RETENTION_DAYS)
        self.stdout.write(f"Pruned {searches} daily search counts and {reads} daily read counts.")
