"""What every reader page tells search engines and link previews, read from the HTML as they read it:
<meta name="description">, <link rel="canonical">, Open Graph and, on stories, NewsArticle JSON-LD."""

import datetime
import io
import json
from html.parser import HTMLParser

import pytest
from django.contrib.staticfiles import finders
from django.core.files.images import ImageFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from PIL import Image as PILImage
from wagtail.images import get_image_model

from bulletin.people.models import Person
from bulletin.stories.models import Byline

pytestmark = pytest.mark.django_db

SITE = "https://news.example.cn"
HOSTILE_TITLE = "区政府\"答复\"</script><script>alert(1)</script>'单引号' & <b>"


class Head(HTMLParser):
    """The <head>'s meta and link tags, and the JSON-LD blocks, as a crawler parses them."""

    def __init__(self):
        super().__init__()
        self.meta, self.links, self.json_ld, self.scripts = {}, {}, [], []
        self._in_json_ld = False

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "meta" and ("name" in attrs or "property" in attrs):
            key = attrs.get("property") or attrs["name"]
            assert key not in self.meta, f"{key} twice"
            self.meta[key] = attrs["content"]
        elif tag == "link" and attrs.get("rel") in ("canonical", "icon", "apple-touch-icon"):
            self.links[attrs["rel"]] = attrs["href"]
        elif tag == "script":
            self.scripts.append(attrs)
            self._in_json_ld = attrs.get("type") == "application/ld+json"
            if self._in_json_ld:
                self.json_ld.append("")

    def handle_endtag(self, tag):
        if tag == "script":
            self._in_json_ld = False

    def handle_data(self, data):
        if self._in_json_ld:
            self.json_ld[-1] += data


def head(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    parser = Head()
    parser.feed(response.content.decode())
    return parser


@pytest.fixture(autouse=True)
def site_url(settings):
    """A public address unlike the test client's host, so that every absolute URL must come from it."""
    settings.SITE_URL = SITE


def make_image(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    buffer = io.BytesIO()
    PILImage.new("RGB", (1600, 900), (164, 22, 26)).save(buffer, "JPEG")
    return get_image_model().objects.create(
        title="现场", description="义诊现场", file=ImageFile(buffer, name="scene.jpg")
    )


@pytest.fixture
def content(newsroom, settings, tmp_path):
    reporters = [newsroom.person("王明玥", "区融媒体中心"), newsroom.person("崔惠霞"), newsroom.person("冀市里")]
    edition = newsroom.edition(1289, date=datetime.date(2023, 11, 28))
    story = newsroom.article(
        "区残联送去康复器材",
        text="11月27日，区残联工作人员来到黄女士家中，送去轮椅和助行器。",
        date=datetime.date(2023, 11, 28),
        edition=edition,
        lead_image=make_image(settings, tmp_path),
        bylines=[(person, "记者") for person in reporters],
        topics=["助残"],
    )
    # Print order as an editor sets it in the admin, unlike the order the rows were made in.
    print_order = ["冀市里", "王明玥", "崔惠霞"]
    for byline in story.bylines.all():
        Byline.objects.filter(pk=byline.pk).update(sort_order=print_order.index(byline.person.name))
    brief = newsroom.brief(
        "区民政局开展国防教育主题讲座", text="区民政局11月24日开展国防教育主题讲座。", edition=edition
    )
    notice = newsroom.notice(
        "关于调整公积金业务办理时间的通知", text="自12月1日起，公积金业务办理时间调整为工作日全天。", edition=edition
    )
    return {"story": story, "brief": brief, "notice": notice, "edition": edition, "reporter": reporters[0]}


def reader_pages(content):
    return {
        "home": "/",
        "news": "/news/",
        "story": content["story"].url,
        "brief": content["brief"].url,
        "notice": content["notice"].url,
        "notices": reverse("stories:notices"),
        "briefs": reverse("stories:briefs"),
        "topics": reverse("topics:index"),
        "topic": reverse("topics:detail", args=["助残"]),
        "people": reverse("people:index"),
        "person": content["reporter"].get_absolute_url(),
        "editions": reverse("editions:index"),
        "edition": content["edition"].get_absolute_url(),
        "archive": reverse("stories:archive"),
        "archive month": reverse("stories:archive_month", args=[2023, 11]),
        "search": reverse("search:page"),
    }


def test_every_reader_page_describes_itself_on_site_url(client, content):
    for name, url in reader_pages(content).items():
        page = head(client, url)
        assert page.links["canonical"] == SITE + url, name
        assert page.meta["og:url"] == SITE + url, name
        assert page.meta["description"].strip(), name
        assert page.meta["og:description"] == page.meta["description"], name
        assert page.meta["og:title"].strip(), name
        assert page.meta["og:site_name"] == "上街新闻", name
        assert page.meta["og:type"] == ("article" if name in ("story", "brief", "notice") else "website"), name
        assert page.links["icon"] == "/favicon.ico"
        assert page.links["apple-touch-icon"].endswith("img/apple-touch-icon.png")
        assert bool(page.json_ld) == (name in ("story", "brief", "notice")), name


def test_descriptions_come_from_what_each_page_shows(client, content):
    pages = reader_pages(content)
    description = {name: head(client, url).meta["description"] for name, url in pages.items()}
    assert description["story"].startswith("11月27日，区残联工作人员来到黄女士家中")
    assert description["brief"].startswith("区民政局11月24日开展国防教育主题讲座")
    assert description["notice"].startswith("自12月1日起")
    assert "区残联送去康复器材" in description["home"]  # the lead story's headline
    assert "区残联送去康复器材" in description["topic"] and "助残" in description["topic"]
    assert "王明玥" in description["person"] and "区残联送去康复器材" in description["person"]
    assert "第1289期" in description["edition"] and "关于调整公积金业务办理时间的通知" in description["edition"]
    assert "2023年11月" in description["archive"] and "2023年11月" in description["archive month"]
    assert "关于调整公积金业务办理时间的通知" in description["notices"]
    assert "区民政局开展国防教育主题讲座" in description["briefs"]
    assert "助残" in description["topics"] and "崔惠霞" in description["people"]
    # An editor's search description wins over the derived one.
    story = content["story"]
    story.search_description = "编辑写的摘要。"
    story.save_revision().publish()
    assert head(client, story.url).meta["description"] == "编辑写的摘要。"


def test_search_results_are_described_and_not_indexed(client, content):
    page = head(client, reverse("search:page") + "?q=残联&utm_source=wechat")
    assert page.meta["robots"] == "noindex"
    assert "残联" in page.meta["description"]
    # The canonical query keeps what the search reads, never tracking parameters.
    assert page.links["canonical"] == SITE + reverse("search:page") + "?q=%E6%AE%8B%E8%81%94"


def test_a_list_page_is_canonical_with_its_own_page_number(client, newsroom):
    for n in range(25):
        newsroom.notice(f"通知{n}", date=datetime.date(2023, 11, 1))
    url = reverse("stories:notices")
    assert head(client, url + "?page=2").links["canonical"] == f"{SITE}{url}?page=2"
    # Page 1, a junk number (page 1) and a tracking parameter share the plain address.
    for query in ("?page=1", "?page=abc", "?utm_source=x"):
        assert head(client, url + query).links["canonical"] == SITE + url, query
    # No page 0 or past the last: not found, so no address of its own.
    assert client.get(url + "?page=0").status_code == 404
    assert "（第2页）" in head(client, url + "?page=2").meta["description"]


def test_story_open_graph_and_json_ld_follow_the_story(client, content):
    story = content["story"]
    page = head(client, story.url)
    assert page.meta["og:title"] == "区残联送去康复器材"
    image_url = page.meta["og:image"]
    assert image_url.startswith(SITE + "/media/images/") and image_url.endswith(".jpg")
    assert (page.meta["og:image:width"], page.meta["og:image:height"]) == ("1200", "675")
    assert page.meta["og:image:alt"] == "义诊现场"

    (block,) = page.json_ld
    data = json.loads(block)
    assert data["@context"] == "https://schema.org" and data["@type"] == "NewsArticle"
    assert data["headline"] == story.title
    assert data["mainEntityOfPage"] == data["url"] == SITE + story.url
    assert data["description"] == page.meta["description"]
    assert data["image"] == [image_url]
    assert data["isAccessibleForFree"] is True
    assert data["inLanguage"] == "zh-CN"
    people = {person.name: person for person in Person.objects.all()}
    assert [(a["@type"], a["name"], a["url"]) for a in data["author"]] == [
        ("Person", name, SITE + people[name].get_absolute_url()) for name in ("冀市里", "王明玥", "崔惠霞")
    ]
    publisher = data["publisher"]
    assert publisher["@type"] == "Organization" and publisher["name"] == "上街新闻"
    assert publisher["logo"]["url"] == SITE + "/static/img/logo.png"
    # The logo is a raster file of the size the JSON-LD states.
    with PILImage.open(finders.find("img/logo.png")) as logo:
        assert (logo.format, logo.size) == ("PNG", (publisher["logo"]["width"], publisher["logo"]["height"]))

    # Dates: ISO 8601 with the paper's time zone. The story went live today, after its date, so it
    # is dated by its own date; published once, it was last modified then too.
    published = datetime.datetime.fromisoformat(data["datePublished"])
    assert published.utcoffset() == datetime.timedelta(hours=8)
    assert published == timezone.make_aware(datetime.datetime(2023, 11, 28))
    assert data["dateModified"] == data["datePublished"]
    assert page.meta["article:published_time"] == data["datePublished"] == "2023-11-28T00:00:00+08:00"


def test_a_story_published_on_its_date_and_then_corrected(client, newsroom):
    today = timezone.localdate()
    story = newsroom.article("今日新闻", date=today, bylines=[("王明玥", "记者")])
    first = json.loads(head(client, story.url).json_ld[0])
    went_live = timezone.localtime(story.first_published_at)
    assert first["datePublished"] == went_live.replace(microsecond=0).isoformat()
    assert first["datePublished"].endswith("+08:00")
    assert "image" not in first  # no lead image, no image

    story.title = "今日新闻（更正）"
    story.save_revision().publish()
    story.refresh_from_db()
    second = json.loads(head(client, story.url).json_ld[0])
    assert second["datePublished"] == first["datePublished"]
    modified = datetime.datetime.fromisoformat(second["dateModified"])
    assert modified.tzinfo is not None and modified >= datetime.datetime.fromisoformat(first["datePublished"])
    assert modified == story.last_published_at.replace(microsecond=0)


def test_a_hostile_title_stays_text_in_the_attributes_and_the_json_ld(client, newsroom):
    # A brief: its body is plain text, so the description carries the hostile text too.
    story = newsroom.brief(HOSTILE_TITLE, text=HOSTILE_TITLE, bylines=[(HOSTILE_TITLE[:20], "记者")])
    html = client.get(story.url).content.decode()
    assert "<script>alert(1)</script>" not in html
    page = head(client, story.url)
    # Every <script> the page has is either a file or the one data block.
    assert [s for s in page.scripts if "src" not in s] == [{"type": "application/ld+json"}]
    assert page.meta["og:title"] == HOSTILE_TITLE
    assert page.meta["description"] == page.meta["og:description"] == HOSTILE_TITLE
    (block,) = page.json_ld
    assert "<" not in block and ">" not in block and "&" not in block
    data = json.loads(block)
    assert data["headline"] == data["description"] == HOSTILE_TITLE
    assert data["author"][0]["name"] == HOSTILE_TITLE[:20]


def test_story_page_queries_do_not_grow_with_its_bylines(client, newsroom):
    def queries(story):
        client.get(story.url)  # renditions and site root paths are made once
        with CaptureQueriesContext(connection) as captured:
            assert client.get(story.url).status_code == 200
        return len(captured)

    one = newsroom.article("一人署名", bylines=[("王明玥", "记者")])
    many = newsroom.article("多人署名", bylines=[(f"通讯员{n}", "通讯员") for n in range(12)])
    assert queries(many) == queries(one)
    assert len(json.loads(head(client, many.url).json_ld[0])["author"]) == 12
