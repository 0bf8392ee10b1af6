"""The home page's 头条 and the lists: dates, the day archive (issue 10, "The home page and lists")."""

import datetime
import re

import pytest
from django.urls import reverse
from django.utils import timezone

from bulletin.stories.models import StoryPage
from tests.site.test_pages import html
from tests.workflow.admin_forms import add_url, article_form

pytestmark = pytest.mark.django_db


def leads_on(page):
    section = page[page.index('id="leads-title"') : page.index('id="latest-title"')]
    return re.findall(r'class="card__title"><a href="[^"]+">([^<]+)</a>', section)


def test_leads_fall_back_to_the_newest_stories_not_an_older_edition(client, newsroom):
    """An old edition's front page never sits above newer news: the 头条 slots then show the
    newest stories; while the edition is the newest news, its articles lead in print order."""
    old = newsroom.edition(1, date=datetime.date(2023, 11, 28))
    newsroom.article("旧报头版", edition=old, date=old.date, edition_order=1)
    newsroom.article("旧报二版", edition=old, date=old.date, edition_order=2)
    newsroom.article("更早的网稿", date=datetime.date(2023, 11, 1))
    assert leads_on(html(client, "/")) == ["旧报头版", "旧报二版", "更早的网稿"]

    newsroom.article("今年的网稿", date=datetime.date(2026, 3, 1))
    # Newest first (of one day, the one published last first): no longer the old print order.
    assert leads_on(html(client, "/")) == ["今年的网稿", "旧报二版", "旧报头版"]


def home_edition(page):
    found = re.search(r'<p class="home__edition"><a href="([^"]+)">阅读本期报纸：([^<]+)</a>', page)
    return found.groups() if found else None


def test_the_home_page_offers_the_newest_edition_readers_have_a_story_from(client, newsroom):
    """Newer editions whose stories readers may not see (a draft, one taken down, one past its
    expiry), or that have none, are passed over: readers would find nothing in them."""
    day = datetime.date(2023, 11, 28)
    public = newsroom.edition(1289, date=day)
    newsroom.article("见报稿件", edition=public, date=day)
    hidden = newsroom.edition(1290, date=day + datetime.timedelta(days=1))
    draft = newsroom.article("草稿", edition=hidden, date=hidden.date, publish=False)
    newsroom.article("撤稿", edition=hidden, date=hidden.date).unpublish()
    expired = newsroom.article("过期", edition=hidden, date=hidden.date)
    # Past its expiry but still live: publish_scheduled has not run yet.
    StoryPage.objects.filter(pk=expired.pk).update(expire_at=timezone.now() - datetime.timedelta(minutes=1))
    newsroom.edition(1291, date=day + datetime.timedelta(days=2))  # nothing in it yet
    assert home_edition(html(client, "/")) == (public.get_absolute_url(), str(public))

    draft.save_revision().publish()
    assert home_edition(html(client, "/")) == (hidden.get_absolute_url(), str(hidden))


def test_an_editor_flags_a_story_as_headline_in_the_admin(admin_client, client, newsroom, story_index):
    newsroom.article("最新稿件", date=datetime.date(2024, 5, 2))
    assert leads_on(html(client, "/"))[0] == "最新稿件"

    form = article_form("编辑选的头条", "正文。", "toutiao", date="2024-05-01", featured="on")
    form["action-publish"] = "action-publish"
    response = admin_client.post(add_url(story_index, "articlepage"), form)
    assert response.status_code == 302, response.content.decode()[:3000]
    assert leads_on(html(client, "/"))[:2] == ["编辑选的头条", "最新稿件"]


def test_dates_show_the_year_only_when_it_is_not_this_year(client, newsroom):
    this_year = timezone.localdate().replace(month=1, day=5)
    newsroom.article("今年的稿件", date=this_year)
    newsroom.article("往年的稿件", date=datetime.date(2021, 1, 5))
    page = html(client, "/news/")
    dates = dict(
        re.findall(r'<time datetime="[^"]+">([^<]+)</time>.*?class="card__title"><a [^>]+>([^<]+)<', page, re.S)
    )
    assert {title: date for date, title in dates.items()} == {"今年的稿件": "1月5日", "往年的稿件": "2021年1月5日"}


def test_the_archive_has_a_page_per_day_linked_from_its_month(client, newsroom):
    newsroom.article("二十八日的稿件", date=datetime.date(2023, 11, 28))
    newsroom.brief("二十八日的简讯", date=datetime.date(2023, 11, 28))
    newsroom.article("三日的稿件", date=datetime.date(2023, 11, 3))
    newsroom.article("草稿", date=datetime.date(2023, 11, 3), publish=False)
    month = html(client, reverse("stories:archive_month", args=[2023, 11]))
    day_links = re.findall(
        r'<a href="(/archive/2023/11/\d+/)">(\d+)日<span class="archive-days__count">（(\d+)篇）', month
    )
    assert day_links == [("/archive/2023/11/3/", "3", "1"), ("/archive/2023/11/28/", "28", "2")]

    day = html(client, "/archive/2023/11/28/")
    assert "二十八日的稿件" in day and "二十八日的简讯" in day and "三日的稿件" not in day
    assert "草稿" not in html(client, "/archive/2023/11/3/")


@pytest.mark.parametrize(
    "path", ["/archive/2023/2/30/", "/archive/2023/11/4/", "/archive/0/1/1/", "/archive/10000/1/1/"]
)
def test_impossible_or_empty_days_are_not_found(client, newsroom, path):
    newsroom.article("稿件", date=datetime.date(2023, 11, 3))
    html(client, path, status=404)
