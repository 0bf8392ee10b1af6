"""Pages cost a fixed number of SQL queries, however many stories they list.

Story pages (each kind) show related stories, the stories before and after, a breadcrumb, the
source, the publishing editor and where the story was printed (its 数字报 page); every page
lists 热门, the stories read most. Each page is rendered with 8 stories in the database (enough to fill every section of the home
page) and again with 32 (more than a page of any list), every story with its own people, and
its topics, corrections and (for articles) lead and body images, and the query counts must
match. Each count is taken on a second request so that one-off work (renditions made on first
view, Wagtail's cached site root paths) does not blur the comparison.
"""

import datetime
import io

import pytest
from django.core.files.images import ImageFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from PIL import Image as PILImage
from wagtail.images import get_image_model
from wagtail.rich_text import RichText

from bulletin.readership.models import DailyReads

pytestmark = pytest.mark.django_db

TOPICS = ["民生", "党建", "助残"]


def make_image(n):
    buffer = io.BytesIO()
    PILImage.new("RGB", (32, 18), (n * 7 % 256, 22, 26)).save(buffer, "JPEG")
    return get_image_model().objects.create(title=f"图{n}", file=ImageFile(buffer, name=f"img{n}.jpg"))


def add_stories(newsroom, edition, start, count):
    # Shared images still cost a query per story unless they are fetched for the whole list.
    lead_image, body_image = make_image(1), make_image(2)
    stories = []
    for n in range(start, start + count):
        people = [(newsroom.person(f"记者{n}"), "记者"), (newsroom.person(f"通讯员{n}"), "通讯员")]
        common = {
            "date": datetime.date(2023, 11, 1 + n % 28),
            "edition": edition,
            "print_page": f"第{n % 4 + 1}版",
            "edition_order": n,
            "bylines": people,
            "topics": TOPICS,
            "corrections": [{"date": datetime.date(2023, 12, 1), "text": f"第{n}条更正。"}],
        }
        if n % 4 == 0:
            story = newsroom.brief(f"简讯{n}", **common)
        else:
            story = newsroom.article(
                f"稿件{n}",
                is_notice=n % 4 == 1,
                lead_image=lead_image,
                body=[("paragraph", RichText(f"<p>正文{n}</p>")), ("image", {"image": body_image, "caption": "图"})],
                **common,
            )
        stories.append(story)
        DailyReads.objects.create(story=story, day=timezone.localdate(), count=n)  # 热门 lists them
    # Each batch is a page of the 数字报, and the story pages say where they were printed.
    newsroom.printed_page(edition, number=start, regions=[(story, (0.1, 0.1, 0.5, 0.5)) for story in stories])


def page_urls(newsroom):
    from bulletin.stories.models import Kind, StoryPage

    first = newsroom.index.get_children().live().first().specific
    # Story pages list related stories, the stories before and after, a breadcrumb and the
    # publishing editor: the middle story of each kind has all of them.
    middle = {kind: StoryPage.objects.live().filter(kind=kind).order_by("date", "pk")[1] for kind in Kind}
    return {
        "home": "/",
        "news": "/news/",
        "notices": reverse("stories:notices"),
        "briefs": reverse("stories:briefs"),
        "archive": reverse("stories:archive"),
        "archive month": reverse("stories:archive_month", args=[2023, 11]),
        "topics": reverse("topics:index"),
        "topic": reverse("topics:detail", args=["民生"]),
        "people": reverse("people:index"),
        "person": reverse("people:detail", args=["记者1"]),
        "editions": reverse("editions:index"),
        "edition": reverse("editions:detail", args=[1289]),
        "article": first.url,
        "article with neighbours": middle[Kind.ARTICLE].url,
        "brief": middle[Kind.BRIEF].url,
        "notice": middle[Kind.NOTICE].url,
        "feed": reverse("stories:feed"),
        "topic feed": reverse("topics:feed", args=["民生"]),
        "sitemap": reverse("stories:sitemap"),
    }


def query_counts(client, urls):
    counts = {}
    for name, url in urls.items():
        assert client.get(url).status_code == 200, url  # first view: renditions, caches
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url).status_code == 200, url
        counts[name] = len(queries)
    return counts


def test_query_counts_do_not_grow_with_the_number_of_stories(client, newsroom, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    edition = newsroom.edition(1289)
    add_stories(newsroom, edition, 1, 8)
    urls = page_urls(newsroom)
    few = query_counts(client, urls)
    story_page = client.get(urls["article with neighbours"]).content.decode()
    assert "相关新闻" in story_page and "上一篇" in story_page and "首页" in story_page
    assert "刊于第1289期第1版" in story_page and 'class="most-read__list"' in story_page
    add_stories(newsroom, edition, 9, 24)
    many = query_counts(client, urls)
    assert many == few
    # And the counts are small: a handful of queries per section, not per story. The home page
    # has the most sections (头条, 最新, 图片新闻, 简讯, 通知公告, 热门, 专题). The budget is what
    # they cost now: the site, the home page, the story section and the view restrictions are
    # read once per page-cache generation, not on every render (bulletin.caching.sites).
    assert few.pop("home") <= 18 and max(few.values()) <= 13, few
