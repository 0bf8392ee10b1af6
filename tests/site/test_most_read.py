"""热门 (most read): story pages count their reads with a beacon, without cookies or stored
addresses, a bounded number per reader; the home page and story pages list the week's most read."""

import datetime
import re

import pytest
from django.core.cache import caches
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from bulletin.readership import counting
from bulletin.readership.models import DailyReads
from tests.site.test_pages import html

pytestmark = pytest.mark.django_db

ORIGIN = "http://testserver"
READER = "203.0.113.9"


def beacon_of(client, story):
    """The beacon address the story's page sends its read to."""
    match = re.search(r'data-read-beacon="([^"]+)"', html(client, story.url))
    assert match, "the story page sends no beacon"
    return match.group(1)


def read(client, story, address=READER, origin=ORIGIN):
    headers = {"HTTP_ORIGIN": origin} if origin else {}
    return client.post(beacon_of(client, story), REMOTE_ADDR=address, **headers)


def most_read_on(page):
    section = page[page.index('id="most-read-title"') :]
    section = section[: section.index("</section>")]
    return re.findall(r"<li><a [^>]+>([^<]+)</a></li>", section)


def reads_of(story):
    return sum(DailyReads.objects.filter(story_id=story.pk).values_list("count", flat=True))


def test_the_most_read_stories_of_the_week_are_listed_on_the_home_and_story_pages(client, newsroom):
    one, two, three = newsroom.article("一篇"), newsroom.article("两篇"), newsroom.article("三篇")
    for n, story in enumerate([one, two, two, three, three, three]):
        assert read(client, story, address=f"198.51.100.{n}").status_code == 204
    expected = ["三篇", "两篇", "一篇"]
    assert most_read_on(html(client, "/")) == expected
    assert most_read_on(html(client, one.url)) == expected


def test_only_the_last_seven_days_count(client, newsroom):
    old_favourite, recent = newsroom.article("上月热门"), newsroom.article("本周稿件")
    today = timezone.localdate()
    DailyReads.objects.create(story_id=old_favourite.pk, day=today - datetime.timedelta(days=7), count=500)
    DailyReads.objects.create(story_id=old_favourite.pk, day=today - datetime.timedelta(days=6), count=1)
    DailyReads.objects.create(story_id=recent.pk, day=today, count=2)
    assert most_read_on(html(client, "/")) == ["本周稿件", "上月热门"]


def test_a_reader_counts_once_per_story_and_day(client, newsroom):
    story = newsroom.article("稿件")
    for _ in range(3):
        assert read(client, story).status_code == 204
    assert reads_of(story) == 1
    read(client, story, address="198.51.100.7")
    assert reads_of(story) == 2


def test_a_reader_has_an_hourly_budget(client, newsroom, monkeypatch):
    monkeypatch.setattr(counting, "READS_PER_HOUR", 2)
    stories = [newsroom.article(f"稿件{n}") for n in range(3)]
    for story in stories:
        assert read(client, story).status_code == 204  # the same answer, counted or not
    assert [reads_of(story) for story in stories] == [1, 1, 0]


@pytest.mark.parametrize("origin", ["https://evil.example", None, "null"])
def test_reads_from_other_sites_or_scripts_without_an_origin_are_refused(client, newsroom, origin):
    story = newsroom.article("稿件")
    assert read(client, story, origin=origin).status_code == 403
    assert reads_of(story) == 0


def test_only_stories_readers_may_see_are_counted_or_listed(client, newsroom):
    draft = newsroom.article("草稿", publish=False)
    response = client.post(reverse("readership:count", args=[draft.pk]), HTTP_ORIGIN=ORIGIN)
    assert response.status_code == 404 and reads_of(draft) == 0
    assert client.get(reverse("readership:count", args=[draft.pk])).status_code == 405

    story = newsroom.article("将被撤下的稿件")
    read(client, story)
    assert most_read_on(html(client, "/")) == ["将被撤下的稿件"]
    story.unpublish()
    assert most_read_on(html(client, "/")) == []


def test_no_cookie_is_set_and_no_address_is_stored(client, newsroom):
    story = newsroom.article("稿件")
    response = read(client, story)
    assert response.status_code == 204 and not response.cookies
    assert reads_of(story) == 1
    # Neither the database nor the shared cache holds the reader's address.
    dump = call_command_output("dumpdata")
    assert READER not in dump
    cache = caches["default"]
    assert not [key for key in cache._cache if READER in key]  # locmem: keys as stored
    assert not [value for value in cache._cache.values() if READER.encode() in value]


def call_command_output(*args):
    import io

    out = io.StringIO()
    call_command(*args, stdout=out)
    return out.getvalue()


def test_the_preview_of_a_story_sends_no_beacon(admin_client, newsroom):
    story = newsroom.article("稿件")
    preview = admin_client.get(reverse("wagtailadmin_pages:view_draft", args=[story.pk])).content.decode()
    assert "热门" in preview and "data-read-beacon" not in preview
