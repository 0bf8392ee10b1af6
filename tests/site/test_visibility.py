"""Drafts, unpublished, scheduled, expired and view-restricted stories never reach readers.

Each hidden story carries its own marker in the title and is the only story of its topic,
person and edition, so a leak through any list, count, feed or the sitemap shows up.
"""

import datetime
import re

import pytest
from django.urls import reverse
from django.utils import timezone

from bulletin.stories.models import StoryPage

pytestmark = pytest.mark.django_db

DAY = datetime.date(2023, 11, 28)


@pytest.fixture
def stories(newsroom):
    public_edition = newsroom.edition(1289, date=DAY)
    hidden_edition = newsroom.edition(1300, date=DAY)
    visible = newsroom.person("公开记者")
    secret = newsroom.person("隐身记者")
    public_fields = {"date": DAY, "edition": public_edition, "bylines": [(visible, "记者")], "topics": ["民生"]}
    public = newsroom.article("公开稿件", **public_fields)
    newsroom.notice("公开通知", **public_fields)
    newsroom.brief("公开简讯", **public_fields)

    hidden_fields = {"date": DAY, "edition": hidden_edition, "bylines": [(secret, "记者")], "topics": ["助残"]}
    newsroom.article("草稿稿件", publish=False, **hidden_fields)
    newsroom.brief("草稿简讯", publish=False, **hidden_fields)
    newsroom.notice("草稿通知", publish=False, **hidden_fields)
    newsroom.article("撤稿稿件", **hidden_fields).unpublish()
    newsroom.article("定时稿件", go_live_at=timezone.now() + datetime.timedelta(days=1), **hidden_fields)
    newsroom.article("加密稿件", restricted=True, **hidden_fields)
    newsroom.brief("加密简讯", restricted=True, **hidden_fields)
    expired = newsroom.notice("过期通知", **hidden_fields)
    # Past its expiry but still live: publish_scheduled has not run yet.
    StoryPage.objects.filter(pk=expired.pk).update(expire_at=timezone.now() - datetime.timedelta(minutes=1))
    return {"public": public, "secret": secret, "hidden_edition": hidden_edition}


HIDDEN_MARKERS = ["草稿", "撤稿", "定时", "加密", "过期", "隐身", "第1300期", "助残"]


def assert_nothing_hidden(text, where):
    leaked = [marker for marker in HIDDEN_MARKERS if marker in text]
    assert not leaked, f"{where} shows {leaked}"


def public_urls(public):
    """Every public list, each with something public it must show (so it is not just empty)."""
    return {
        "/": "公开稿件",
        "/news/": "公开稿件",
        reverse("stories:notices"): "公开通知",
        reverse("stories:briefs"): "公开简讯",
        reverse("stories:archive"): reverse("stories:archive_month", args=[2023, 11]),
        reverse("stories:archive_month", args=[2023, 11]): "公开稿件",
        reverse("topics:index"): "民生",
        reverse("topics:detail", args=["民生"]): "公开稿件",
        reverse("people:index"): "公开记者",
        reverse("people:detail", args=["公开记者"]): "公开稿件",
        reverse("editions:index"): "第1289期",
        reverse("editions:detail", args=[1289]): "公开稿件",
        reverse("stories:feed"): "公开稿件",
        reverse("topics:feed", args=["民生"]): "公开稿件",
        reverse("stories:sitemap-section", args=[f"stories-{DAY.year}"]): public.url,
    }


def test_hidden_stories_appear_on_no_public_page_feed_or_sitemap(client, stories):
    for url, expected in public_urls(stories["public"]).items():
        response = client.get(url)
        assert response.status_code == 200, url
        text = response.content.decode()
        assert expected in text, f"{url} lacks {expected}"
        assert_nothing_hidden(text, url)


def test_counts_ignore_hidden_stories(client, stories):
    archive = client.get(reverse("stories:archive")).content.decode()
    assert re.search(r'>11月</a> <span class="count">3篇</span>', archive)
    topics = client.get(reverse("topics:index")).content.decode()
    assert '<p class="count">3篇稿件</p>' in topics
    month = client.get(reverse("stories:archive_month", args=[2023, 11])).content.decode()
    assert "共 3 篇" in month
    editions = client.get(reverse("editions:index")).content.decode()
    assert '<span class="count">3篇</span>' in editions
    people = client.get(reverse("people:index")).content.decode()
    assert '<span class="count">3篇</span>' in people


def test_hidden_stories_own_urls_do_not_serve_them(client, newsroom, stories):
    hidden = StoryPage.objects.exclude(title__startswith="公开")
    assert hidden.count() == 8
    for page in hidden:
        response = client.get(page.url)
        text = response.content.decode()
        assert page.title not in text, page.url
        if page.title.startswith("加密"):
            # A restricted story asks for its password instead.
            assert response.status_code == 200 and 'name="password"' in text, page.url
        else:
            assert response.status_code == 404, page.url


def test_topic_person_and_edition_of_hidden_stories_only_are_not_found(client, stories):
    assert client.get(reverse("topics:detail", args=["助残"])).status_code == 404
    assert client.get(reverse("topics:feed", args=["助残"])).status_code == 404
    assert client.get(stories["secret"].get_absolute_url()).status_code == 404
    assert client.get(reverse("editions:detail", args=[1300])).status_code == 404


def test_a_story_appears_once_published_and_leaves_when_unpublished(client, newsroom):
    draft = newsroom.article("即将发布的稿件", publish=False, topics=["民生"])
    assert "即将发布的稿件" not in client.get("/").content.decode()
    draft.get_latest_revision().publish()
    for url in ("/", "/news/", reverse("topics:detail", args=["民生"]), reverse("stories:feed")):
        assert "即将发布的稿件" in client.get(url).content.decode(), url
    draft.refresh_from_db()
    draft.unpublish()
    for url in ("/", "/news/", reverse("stories:feed")):
        assert "即将发布的稿件" not in client.get(url).content.decode(), url
