"""Reader searches and daily reads are kept as long as the reports look back, then pruned by
manage.py prune_counts, which the background loop (publish_scheduled_loop) runs."""

import datetime

import pytest
from django.core.management import call_command
from django.utils import timezone

from bulletin.ops.management.commands import publish_scheduled_loop
from bulletin.readership.models import DailyReads
from search.models import ReaderSearch
from tests.newsroom import Newsroom

TODAY = timezone.localdate()


def days_ago(n):
    return TODAY - datetime.timedelta(days=n)


@pytest.fixture
def counts(db):
    """Searches and reads counted today and on days around the default retention (400 and 30 days)."""
    story = Newsroom().article("稿件")
    for n in (0, 399, 400, 800):
        ReaderSearch.objects.create(day=days_ago(n), query=f"查询{n}", results=0)
    for n in (0, 6, 7, 29, 30, 100):
        DailyReads.objects.create(story=story, day=days_ago(n), count=n + 1)


def kept():
    searches = sorted((TODAY - day).days for day in ReaderSearch.objects.values_list("day", flat=True))
    reads = sorted((TODAY - day).days for day in DailyReads.objects.values_list("day", flat=True))
    return searches, reads


def test_rows_older_than_the_retention_are_pruned(counts, run):
    result = run("prune_counts")

    assert kept() == ([0, 399], [0, 6, 7, 29])
    assert "Pruned 2 daily search counts and 2 daily read counts." in result.stdout
    assert "Pruned 0 daily search counts and 0 daily read counts." in run("prune_counts").stdout


def test_the_retention_is_a_setting_but_the_week_most_read_sums_is_always_kept(counts, run, settings):
    settings.READER_SEARCH_RETENTION_DAYS = 1
    settings.DAILY_READS_RETENTION_DAYS = 1

    run("prune_counts")

    assert kept() == ([0], [0, 6])


class LoopStopped(Exception):
    pass


@pytest.mark.django_db(transaction=True, serialized_rollback=True)  # the loop closes its connections
def test_the_background_loop_prunes(counts, monkeypatch):
    def stop(seconds):
        raise LoopStopped

    monkeypatch.setattr(publish_scheduled_loop.time, "sleep", stop)

    with pytest.raises(LoopStopped):
        call_command("publish_scheduled_loop")

    assert kept() == ([0, 399], [0, 6, 7, 29])
