import time

from django.core.management.base import BaseCommand
from django.db import transaction

from bulletin.related.updating import recompute_all


class Command(BaseCommand):
    help = (
        "Work out the related stories of every story readers may see, from their words and topics "
        "again: after upgrading to a version with related stories, or after editing the local "
        "dictionary. Publishing and importing keep them up to date otherwise."
    )

    def handle(self, **options):
        started = time.perf_counter()
        with transaction.atomic():
            count = recompute_all()
        self.stdout.write(f"Related stories worked out for {count} stories ({time.perf_counter() - started:.1f} s).")
