"""A story page as a reader meets it: its short address, the way back, the stories before and
after it, related stories, where it came from, when, and sharing it."""

import datetime
import io
import re

import pytest
import segno
from django.urls import reverse
from django.utils import timezone
from wagtail.models import PageViewRestriction

from bulletin.related import ranking
from bulletin.related.models import RelatedStory
from bulletin.stories.models import StoryPage
from tests.sitemaps import sitemap_locations

pytestmark = pytest.mark.django_db

DAY = datetime.date(2023, 11, 28)
SHORT = re.compile(r"^/news/\d{4}/\d{2}/\d{2}/\d+/$")


def links(html):
    return re.findall(r'href="([^"]+)"', html)


def text_of(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    return response.content.decode()


# --- Short, stable addresses ------------------------------------------------------------------


def test_every_kind_of_story_has_a_short_address_by_date_and_id(client, newsroom):
    long_title = "关于进一步做好冬季供暖保障工作和困难群众帮扶救助工作的通知" * 3
    stories = [
        newsroom.article(long_title, date=DAY),
        newsroom.brief("简讯", date=DAY),
        newsroom.notice("通知", date=DAY),
    ]
    for story in stories:
        assert story.url == f"/news/2023/11/28/{story.pk}/"
        assert len(story.url) <= 40
        assert client.get(story.url).status_code == 200


def test_the_old_long_address_moves_on_to_the_short_one(client, newsroom):
    story = newsroom.article("旧地址", slug="jiu-di-zhi-de-chang-biao-ti", date=DAY)
    response = client.get("/news/jiu-di-zhi-de-chang-biao-ti/")
    assert response.status_code == 301
    assert response["Location"] == story.url


def test_a_title_edit_keeps_the_address_and_a_date_edit_moves_it(client, newsroom):
    story = newsroom.article("改标题之前", date=DAY)
    before = story.url
    story.title, story.date = "改标题之后", DAY + datetime.timedelta(days=1)
    story.save_revision().publish()
    story.refresh_from_db()

    assert story.url != before and SHORT.match(story.url)
    response = client.get(before)
    assert response.status_code == 301 and response["Location"] == story.url
    assert "改标题之后" in text_of(client, story.url)


def test_an_address_after_a_slug_change_moves_on(client, newsroom, django_capture_on_commit_callbacks):
    story = newsroom.article("改网址", slug="old-slug", date=DAY)
    story.slug = "new-slug"
    with django_capture_on_commit_callbacks(execute=True):  # Wagtail reports a slug change on commit
        story.save_revision().publish()

    response = client.get("/news/old-slug/")
    assert response.status_code == 301
    assert response["Location"] == story.url


@pytest.mark.parametrize(
    "path", ["/news/2023/11/28/999999/", "/news/2023/11/28/99999999999/", "/news/2023/13/99/1/", "/news/no-such-story/"]
)
def test_no_story_there_is_not_found(client, newsroom, path):
    newsroom.article("有一篇", date=DAY)
    assert client.get(path).status_code == 404


def test_a_draft_has_no_address_for_readers(client, newsroom):
    draft = newsroom.article("草稿", slug="cao-gao", date=DAY, publish=False)
    assert client.get(draft.url).status_code == 404
    assert client.get("/news/cao-gao/").status_code == 404


def test_canonical_link_sitemap_feed_and_json_ld_give_the_short_address(client, newsroom, settings):
    settings.SITE_URL = "https://news.example.cn"
    story = newsroom.article("地址处处一致", date=timezone.localdate())
    absolute = "https://news.example.cn" + story.url
    page = text_of(client, story.url)
    assert f'<link rel="canonical" href="{absolute}">' in page
    assert f'"url": "{absolute}"' in page
    assert absolute in [*sitemap_locations(client)]
    assert absolute in text_of(client, reverse("stories:feed"))
    assert absolute in text_of(client, "/sitemap-news.xml")
    assert story.url in links(text_of(client, "/news/"))


# --- Breadcrumb, 上一篇 / 下一篇 ------------------------------------------------------------------


def breadcrumb(html):
    return re.search(r'<nav class="breadcrumb".*?</nav>', html, re.S).group(0)


def pager(html):
    found = re.search(r'<nav class="story-pager".*?</nav>', html, re.S)
    return found.group(0) if found else ""


def test_breadcrumb_leads_back_home_through_the_section_and_the_kinds_list(client, newsroom):
    article, notice = newsroom.article("一篇新闻", date=DAY), newsroom.notice("一则通知", date=DAY)
    crumbs = breadcrumb(text_of(client, article.url))
    assert links(crumbs) == ["/", "/news/"] and "首页" in crumbs and "新闻" in crumbs and "一篇新闻" in crumbs
    crumbs = breadcrumb(text_of(client, notice.url))
    assert links(crumbs) == ["/", "/news/", reverse("stories:notices")] and "一则通知" in crumbs


def test_previous_and_next_are_the_neighbours_of_the_same_kind_that_readers_may_see(client, newsroom):
    older = newsroom.article("更早的新闻", date=DAY - datetime.timedelta(days=2))
    newsroom.article("草稿新闻", date=DAY - datetime.timedelta(days=1), publish=False)
    newsroom.article("加密新闻", date=DAY - datetime.timedelta(days=1), restricted=True)
    newsroom.brief("同日简讯", date=DAY)
    newsroom.notice("同日通知", date=DAY)
    middle = newsroom.article("中间的新闻", date=DAY)
    newer = newsroom.article("更新的新闻", date=DAY + datetime.timedelta(days=1))

    nav = pager(text_of(client, middle.url))
    assert "上一篇" in nav and "下一篇" in nav
    assert links(nav) == [older.url, newer.url]
    assert "草稿新闻" not in nav and "加密新闻" not in nav and "简讯" not in nav

    first = pager(text_of(client, older.url))
    assert "story-pager__previous" not in first and links(first) == [middle.url]


def test_briefs_page_through_briefs(client, newsroom):
    one, two = newsroom.brief("第一条", date=DAY), newsroom.brief("第二条", date=DAY)
    newsroom.article("新闻", date=DAY)
    assert links(pager(text_of(client, two.url))) == [one.url]
    assert links(pager(text_of(client, one.url))) == [two.url]  # of one day, by id


# --- Related stories ------------------------------------------------------------------------


def related(html):
    found = re.search(r'<section class="related".*?</section>', html, re.S)
    return links(found.group(0)) if found else []


def test_related_stories_share_topics_first_then_words_newer_first(client, newsroom):
    day = DAY - datetime.timedelta(days=30)
    both_topics = newsroom.article("公园改造", date=day, topics=["城建", "民生"])
    one_topic_old = newsroom.article("春季绿化", date=day, topics=["城建"])
    one_topic_new = newsroom.article("道路养护", date=day + datetime.timedelta(days=1), topics=["城建"])
    words_only = newsroom.article("河阳公园西门改造开工", text="河阳公园西门", date=day)
    unrelated = newsroom.article("防汛演练", date=day)
    story = newsroom.article(
        "河阳公园西门改造完成", text="河阳公园西门今天重新开放。", date=DAY, topics=["城建", "民生"]
    )

    shown = related(text_of(client, story.url))
    assert shown == [both_topics.url, one_topic_new.url, one_topic_old.url, words_only.url]
    assert unrelated.url not in shown


def test_a_new_story_joins_the_lists_of_the_stories_it_relates_to(client, newsroom):
    first = newsroom.article("社区义诊进楼院", date=DAY, topics=["助残"])
    second = newsroom.article("义诊团队走进社区", date=DAY, topics=["助残"])
    assert related(text_of(client, first.url)) == [second.url]


def test_at_most_five_and_never_a_hidden_one(client, newsroom):
    story = newsroom.article("助残日活动", date=DAY, topics=["助残"])
    others = [
        newsroom.article(f"助残服务{n}", date=DAY - datetime.timedelta(days=n), topics=["助残"]) for n in range(1, 8)
    ]
    # A story hidden after the lists were made: its place goes to the next one.
    PageViewRestriction.objects.create(page=others[0], restriction_type=PageViewRestriction.PASSWORD, password="x")
    others[1].unpublish()

    shown = related(text_of(client, story.url))
    assert shown == [other.url for other in others[2:7]]
    assert RelatedStory.objects.filter(story=story).count() > 5  # stored beyond what is shown


def test_recompute_related_ranks_stories_published_before_the_lists_existed(client, newsroom):
    from django.core.management import call_command

    a = newsroom.article("老城区管网改造", date=DAY, topics=["城建"])
    b = newsroom.article("管网改造第二期", date=DAY, topics=["城建"])
    RelatedStory.objects.all().delete()
    assert related(text_of(client, a.url)) == []
    call_command("recompute_related", stdout=io.StringIO())
    assert related(text_of(client, a.url)) == [b.url]


def test_a_word_in_more_stories_than_the_cap_relates_none_of_them(client, newsroom, monkeypatch):
    from django.core.management import call_command

    # A cap of three stands in for ranking.MAX_COMMON, so that four stories are "too many":
    # the archive stays small, the ranking is the real one (far below 2 % of these 7 stories).
    monkeypatch.setattr(ranking, "MAX_COMMON", 3)
    drills = [
        newsroom.article(f"{day}防汛", date=DAY - datetime.timedelta(days=n))
        for n, day in enumerate(["春节", "冬至", "清明"])
    ]
    clinics = [
        newsroom.article(f"{day}义诊", date=DAY - datetime.timedelta(days=n))
        for n, day in enumerate(["元宵", "重阳", "中秋"])
    ]
    # Published one by one: 防汛 in three stories still counts; in four, the fourth's does not.
    assert related(text_of(client, drills[2].url)) == [drills[0].url, drills[1].url]
    fourth = newsroom.article("端午防汛", date=DAY)
    assert related(text_of(client, fourth.url)) == []

    # Ranked again together (the importer's whole-archive path): 防汛 relates none of the four.
    call_command("recompute_related", stdout=io.StringIO())
    for story in [*drills, fourth]:
        assert related(text_of(client, story.url)) == []
    assert related(text_of(client, clinics[2].url)) == [clinics[0].url, clinics[1].url]


# --- 来源, time of day, 更新于, share ---------------------------------------------------------


def test_source_time_of_day_and_update(client, newsroom):
    story = newsroom.article(
        "有来源的稿件",
        date=timezone.localdate(),
        source="央视网（新闻联播）",
        corrections=[
            {"date": DAY, "type": "更新", "text": "补充了时间。"},
            {"date": DAY + datetime.timedelta(days=2), "text": "更正人名。"},
        ],
    )
    published = timezone.localtime(StoryPage.objects.get(pk=story.pk).first_published_at)
    html = text_of(client, story.url)
    assert "来源：央视网（新闻联播）" in html
    assert published.strftime("%H:%M") in html
    assert "更新于" in html and "2023年11月30日" in html


def test_an_archive_story_shows_its_day_without_a_time(client, newsroom):
    story = newsroom.article("档案稿件", date=DAY)
    StoryPage.objects.filter(pk=story.pk).update(
        first_published_at=timezone.make_aware(datetime.datetime.combine(DAY, datetime.time.min))
    )
    header = re.search(r'<header class="story__header">.*?</header>', text_of(client, story.url), re.S).group(0)
    assert "2023年11月28日" in header and "00:00" not in header and "更新于" not in header and "来源" not in header


def test_share_gives_the_address_to_copy_and_as_a_qr_code(client, newsroom, settings):
    settings.SITE_URL = "https://news.example.cn"
    story = newsroom.article("分享这篇", date=DAY)
    html = text_of(client, story.url)
    address = "https://news.example.cn" + story.url
    assert f'value="{address}"' in html
    assert "复制链接" in html and re.search(r'<script src="[^"]*share[^"]*\.js" defer>', html)
    svg = re.search(r"<svg[^>]*>.*?</svg>", html, re.S).group(0)
    assert 'role="img"' in svg and "二维码" in svg
    # The code holds the story's address: the same modules segno draws for that address.
    expected = re.search(r' d="([^"]+)"', segno.make(address, error="m").svg_inline()).group(1)
    assert re.search(r' d="([^"]+)"', svg).group(1) == expected
    assert "<script>" not in html.split("</head>")[1]  # no inline script (CSP)
