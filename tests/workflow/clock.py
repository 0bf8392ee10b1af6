"""Moving time forward for scheduled publishing and expiry.

Wagtail's publish_scheduled command, its publish action, StoryPage.objects.for_readers() and the
embedded search engine all read the clock through django.utils.timezone.now, so pointing that at
a later moment is the whole of "time passes" for them. Elasticsearch reads its own clock.
"""

from contextlib import contextmanager
from unittest import mock

from django.core.management import call_command
from django.utils import timezone


@contextmanager
def clock_at(moment):
    with mock.patch("django.utils.timezone.now", return_value=moment):
        yield


def admin_time(moment):
    """How the admin's date-time widget writes a moment: local time, to the minute."""
    return timezone.localtime(moment).strftime("%Y-%m-%d %H:%M")


def publish_scheduled():
    call_command("publish_scheduled")
