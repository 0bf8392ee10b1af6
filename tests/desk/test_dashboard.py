"""The admin home page as the newsroom's desk, seen by an editor and a reporter through real requests.

Each panel is one or two queries however many rows it shows: the query-count tests render a panel
with few rows and with more, and the count must be the same small number.
"""

import datetime

import pytest
from django.db import connection
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from bulletin.desk.panels import EditionPanel, PopularPanel, PublishedPanel, ReviewPanel, ScheduledPanel
from bulletin.epaper.models import PrintedPage, StoryRegion
from bulletin.readership.models import DailyReads
from bulletin.stories.visibility import current_restricted_paths
from tests.newsroom import Newsroom, client_for
from tests.workflow.admin_forms import add_url, brief_form, edit_url, form_of
from tests.workflow.clock import admin_time

pytestmark = pytest.mark.django_db


def dashboard(user):
    response = client_for(user).get(reverse("wagtailadmin_home"))
    assert response.status_code == 200
    return response.content.decode()


def panel_section(html, panel_id):
    """The HTML of one dashboard panel (Wagtail's {% panel %} wraps it in a <section id=…>)."""
    start = html.index(f'id="{panel_id}-section"')
    return html[start : html.find("</section>", start)]


def queries_to_render(panel, user):
    request = RequestFactory().get("/admin/")
    request.user = user
    # Read once per page-cache generation for every page and panel, not by each panel.
    current_restricted_paths()
    with CaptureQueriesContext(connection) as queries:
        panel.render_html({"request": request})
    return len(queries)


def test_stories_published_today_and_this_week(editor):
    today = timezone.localdate()
    monday = today - datetime.timedelta(days=today.weekday())
    newsroom = Newsroom()
    newsroom.brief("今天发布的简讯", date=today)
    newsroom.brief("今天的草稿", date=today, publish=False)
    newsroom.brief("本周一发布的简讯", date=monday)
    newsroom.brief("上周日发布的简讯", date=monday - datetime.timedelta(days=1))

    panel = panel_section(dashboard(editor), "desk-published")

    published_today = 2 if monday == today else 1
    assert f"今天发布 <strong>{published_today}</strong> 篇，本周发布 <strong>2</strong> 篇" in panel
    assert "今天发布的简讯" in panel and "本周一发布的简讯" in panel
    assert "今天的草稿" not in panel and "上周日发布的简讯" not in panel


def test_a_submitted_story_waits_for_the_editors_review_not_the_reporters(reporter, editor, story_index):
    story = Newsroom().brief(owner=reporter, title="社区开展义诊活动", publish=False)
    client_for(reporter).post(edit_url(story), {**form_of(story), "action-submit": "1"})

    review = panel_section(dashboard(editor), "desk-review")
    assert "社区开展义诊活动" in review
    assert "编辑审核" in review and "reporter" in review  # the step, and who submitted it
    assert f'href="{edit_url(story)}"' in review

    assert "社区开展义诊活动" not in panel_section(dashboard(reporter), "desk-review")
    assert "没有等待你审核的稿件" in panel_section(dashboard(reporter), "desk-review")


def test_stories_scheduled_to_go_live_or_to_expire(editor, story_index):
    go_live = timezone.now().replace(second=0, microsecond=0) + datetime.timedelta(hours=2)
    client_for(editor).post(
        add_url(story_index),
        {
            **brief_form("定时发布的简讯", slug="scheduled"),
            "go_live_at": admin_time(go_live),
            "action-publish": "1",
        },
    )
    expiry = timezone.now() + datetime.timedelta(days=3)
    newsroom = Newsroom()
    newsroom.brief("三天后下线的通知", expire_at=expiry)
    newsroom.brief("不会下线的简讯")

    panel = panel_section(dashboard(editor), "desk-scheduled")

    assert "定时发布的简讯" in panel and "三天后下线的通知" in panel
    assert "不会下线的简讯" not in panel
    assert timezone.localtime(go_live).strftime("%H:%M") in panel
    assert panel.index("定时发布的简讯") < panel.index("三天后下线的通知")  # the sooner first


def test_the_latest_edition_counts_stories_per_page(editor):
    newsroom = Newsroom()
    older = newsroom.edition(1, date=datetime.date(2023, 11, 21))
    latest = newsroom.edition(2, date=datetime.date(2023, 11, 28))
    newsroom.brief("上一期的稿件", edition=older, print_page="第1版")
    for n, page in enumerate(["第1版", "第1版", "第2版"]):
        newsroom.brief(f"本期稿件{n}", edition=latest, print_page=page, edition_order=n)

    panel = panel_section(dashboard(editor), "desk-edition")

    assert str(latest) in panel and "共 <strong>3</strong> 篇稿件" in panel
    assert "<td>第1版</td><td>2</td>" in panel and "<td>第2版</td><td>1</td>" in panel
    assert "数字报" not in panel  # no printed pages: nothing to place


def test_the_most_read_stories_of_the_week_with_their_reads_and_never_a_hidden_one(editor):
    newsroom = Newsroom()
    today = timezone.localdate()
    most, second, hidden = newsroom.brief("读得最多"), newsroom.brief("读得第二"), newsroom.brief("已撤下")
    old = newsroom.brief("上个月读得多")
    for story, day, count in [
        (most, today, 30),
        (second, today, 5),
        (second, today - datetime.timedelta(days=1), 4),
        (hidden, today, 99),
        (old, today - datetime.timedelta(days=7), 500),  # eight days ago: out of the week
    ]:
        DailyReads.objects.create(story=story, day=day, count=count)
    hidden.unpublish()

    panel = panel_section(dashboard(editor), "desk-popular")
    assert panel.index("读得最多") < panel.index("读得第二")
    assert ">30<" in panel and ">9<" in panel
    assert "已撤下" not in panel and "上个月读得多" not in panel


def test_an_epaper_edition_lists_the_stories_with_no_region(editor):
    newsroom = Newsroom()
    edition = newsroom.edition(3, date=datetime.date(2023, 12, 5))
    placed = newsroom.brief("已标出区域的稿件", edition=edition, print_page="第1版")
    newsroom.brief("未标出区域的稿件", edition=edition, print_page="第1版")
    page = PrintedPage.objects.create(
        edition=edition, number=1, width=800, height=1200, image="p.png", thumbnail="t.png", pdf="p.pdf"
    )
    StoryRegion.objects.create(page=page, story=placed, x0=0.1, y0=0.1, x1=0.5, y1=0.5)

    panel = panel_section(dashboard(editor), "desk-edition")

    unplaced = panel[panel.index("数字报版面上没有区域的稿件") :]
    assert "（1 篇）" in unplaced and "未标出区域的稿件" in unplaced
    assert "已标出区域的稿件" not in unplaced


def test_wagtails_slower_review_panel_is_replaced(editor):
    html = dashboard(editor)
    assert 'id="desk-review-section"' in html
    assert 'id="awaiting-review-section"' not in html


def fill_the_desk(newsroom, count, reporter, story_index):
    """``count`` more stories of every sort a panel lists."""
    edition = newsroom.edition(9, date=timezone.localdate())
    page = PrintedPage.objects.get_or_create(
        edition=edition,
        number=1,
        defaults={"width": 800, "height": 1200, "image": "p.png", "thumbnail": "t.png", "pdf": "p.pdf"},
    )[0]
    for _ in range(count):
        n = next(newsroom.slug_numbers)
        story = newsroom.brief(
            "本期", edition=edition, print_page="第1版", expire_at=timezone.now() + datetime.timedelta(days=1)
        )
        StoryRegion.objects.create(page=page, story=story, x0=0, y0=0, x1=1, y1=1)
        read = newsroom.brief("未标区域", edition=edition, print_page="第2版")
        DailyReads.objects.create(story=read, day=timezone.localdate(), count=n)
        submitted = Newsroom().brief(owner=reporter, title=f"待审{n}", publish=False)
        client_for(reporter).post(edit_url(submitted), {**form_of(submitted), "action-submit": "1"})


@pytest.mark.parametrize("panel_class", [PublishedPanel, ReviewPanel, ScheduledPanel, EditionPanel, PopularPanel])
def test_each_panel_is_a_query_or_two_however_many_rows(panel_class, editor, reporter, story_index):
    newsroom = Newsroom()
    fill_the_desk(newsroom, 1, reporter, story_index)
    few = queries_to_render(panel_class(), editor)
    fill_the_desk(newsroom, 4, reporter, story_index)
    more = queries_to_render(panel_class(), editor)

    assert few == more
    assert more <= 2
