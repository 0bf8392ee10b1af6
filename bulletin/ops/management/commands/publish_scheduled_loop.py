"""Run the site's background work for as long as it is served: Wagtail's publish_scheduled every
minute, the search backlog (what Elasticsearch missed while it was away) every few seconds, and
prune_counts (reader searches and daily reads past their retention) once a day.

tools/serve.sh starts this beside gunicorn, so scheduled go-live and expiry happen without cron,
and reader requests never send the backlog themselves. One long-lived process costs less than
starting Django every minute.
"""

import logging
import time

from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import connections

logger = logging.getLogger(__name__)


class Command(BaseCommand):
    help = (
        "Run publish_scheduled every --interval seconds, drain_search_backlog every --backlog-interval "
        "and prune_counts every --prune-interval."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--interval", type=float, default=60, help="seconds between publish_scheduled runs (default 60)"
        )
        parser.add_argument(
            "--backlog-interval",
            type=float,
            default=10,
            help="seconds between sends of the Elasticsearch backlog (default 10)",
        )
        parser.add_argument(
            "--prune-interval",
            type=float,
            default=24 * 60 * 60,
            help="seconds between prunings of old search and read counts (default a day)",
        )

    def handle(self, *, interval, backlog_interval, prune_interval, **options):
        tasks = [
            Task("publish_scheduled", interval),
            Task("drain_search_backlog", backlog_interval),
            Task("prune_counts", prune_interval),
        ]
        while True:
            now = time.monotonic()
            for task in tasks:
                if task.due <= now:
                    task.run()
            # Between runs hold no connection: a restarted database is met with a fresh one.
            connections.close_all()
            time.sleep(max(0.0, min(task.due for task in tasks) - time.monotonic()))


class Task:
    """One management command of the loop, run every ``interval`` seconds; a failure is logged."""

    def __init__(self, command, interval):
        self.command = command
        self.interval = interval
        self.due = 0.0  # all run at start

    def run(self):
        try:
            call_command(self.command)
        except CommandError as error:
            # Elasticsearch still away: expected during an outage, said once per attempt.
            logger.warning("%s: %s", self.command, error)
        except Exception:
            # A database restart or a bad revision must not end the loop for good.
            logger.exception("%s failed; trying again in %s seconds", self.command, self.interval)
        self.due = time.monotonic() + self.interval
