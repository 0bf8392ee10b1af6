"""Every reader page renders what it should, through the test client."""

import datetime
import re
from urllib.parse import quote

import pytest
from bs4 import BeautifulSoup
from django.urls import reverse
from wagtail.rich_text import RichText

pytestmark = pytest.mark.django_db


def html(client, url, status=200):
    response = client.get(url)
    assert response.status_code == status, f"{url} answered {response.status_code}"
    return response.content.decode()


def parsed(client, url, status=200):
    return BeautifulSoup(html(client, url, status), "html.parser")


def text_of(element):
    return element.get_text(" ", strip=True)


def link_named(page, text):
    """The address of the link whose text contains ``text``."""
    link = page.find("a", string=re.compile(re.escape(text)))
    assert link is not None, f"no link named {text}"
    return link["href"]


def definitions(page):
    """A page's term/description pairs (<dt>/<dd>) as a dict of their texts."""
    return {text_of(term): text_of(term.find_next_sibling("dd")) for term in page.find_all("dt")}


@pytest.fixture
def edition_content(newsroom):
    """One edition with an article, a notice and a brief, written by the seed edition's people."""
    reporter = newsroom.person("王明玥", "本报")
    cui = newsroom.person("崔惠霞", "新安路街道")
    ji = newsroom.person("冀市里", "新安路街道")
    edition = newsroom.edition(1289, title="")
    article = newsroom.article(
        "“服务圈”串联“生活圈”",
        subtitle="新安路街道打造15分钟党群服务圈",
        column="深入实施“十大战略”",
        date=datetime.date(2023, 11, 28),
        edition=edition,
        print_page="第1版",
        edition_order=1,
        body=[
            ("paragraph", RichText("<p>为进一步激活党建引领基层治理新动能。</p>")),
            ("subheading", "招募“社区合伙人”"),
            ("quote", {"text": "技师的按摩手法很到位。", "attribution": "居民郑阿姨"}),
        ],
        bylines=[(reporter, "记者"), (cui, "通讯员"), (ji, "通讯员")],
        topics=["党建", "民生"],
        corrections=[{"date": datetime.date(2023, 11, 30), "type": "更正", "text": "服务项目应为30个。"}],
    )
    notice = newsroom.notice(
        "下月起不得使用“生鲜灯”",
        date=datetime.date(2023, 11, 28),
        edition=edition,
        print_page="第2版",
        edition_order=2,
        effective_date=datetime.date(2023, 12, 1),
        issuing_body="区市场监管局",
        topics=["市场监管"],
    )
    brief = newsroom.brief(
        "济源路街道开展烟花爆竹“打非”专项行动",
        body="连日来，济源路街道深入开展烟花爆竹“打非”专项行动。",
        date=datetime.date(2023, 11, 28),
        edition=edition,
        print_page="第2版",
        edition_order=3,
        bylines=[(reporter, "记者")],
        topics=["安全生产"],
    )
    return {"article": article, "notice": notice, "brief": brief, "edition": edition, "reporter": reporter}


def test_home_page_shows_leads_latest_briefs_notices_and_topics(client, edition_content):
    assert len(parsed(client, "/").find_all("h1")) == 1
    page = html(client, "/")
    assert "“服务圈”串联“生活圈”" in page  # lead: the edition's first article in print order
    assert edition_content["brief"].url in page  # the 简讯 column
    assert "下月起不得使用“生鲜灯”" in page  # current notices
    assert reverse("topics:detail", args=["党建"]) in page  # topic navigation
    assert reverse("editions:detail", args=[1289]) in page


def test_featured_articles_lead_the_home_page(client, newsroom, edition_content):
    newsroom.article("头条稿件", featured=True, date=datetime.date(2023, 11, 1))
    page = html(client, "/")
    leads = page[page.index('id="leads-title"') : page.index('id="latest-title"')]
    assert leads.index("头条稿件") < leads.index("“服务圈”串联“生活圈”")


def test_home_page_names_the_newest_edition_with_a_published_story(client, newsroom, edition_content):
    newer = newsroom.edition(1290, date=datetime.date(2023, 12, 5))
    newsroom.article("下一期的草稿", edition=newer, date=datetime.date(2023, 12, 5), publish=False)
    page = parsed(client, "/")
    assert link_named(page, "阅读本期报纸") == reverse("editions:detail", args=[1289])
    assert not page.find("a", href=reverse("editions:detail", args=[1290]))

    newsroom.article("下一期的头版", edition=newer, date=datetime.date(2023, 12, 5))
    assert link_named(parsed(client, "/"), "阅读本期报纸") == reverse("editions:detail", args=[1290])


def test_a_person_named_twice_in_one_byline_counts_the_story_once(client, newsroom, edition_content):
    reporter = edition_content["reporter"]  # 记者 on the edition's article and brief
    newsroom.article("自己写自己拍", bylines=[(reporter, "记者"), (reporter, "摄影")])
    entry = parsed(client, reverse("people:index")).find("a", href=reporter.get_absolute_url()).find_parent("li")
    assert text_of(entry).endswith("3篇")


def test_article_page_shows_every_part_of_the_story(client, edition_content):
    article = edition_content["article"]
    page = parsed(client, article.url)
    assert len(page.find_all("h1")) == 1
    text = text_of(page)
    assert "深入实施“十大战略”" in text  # column
    assert "新安路街道打造15分钟党群服务圈" in text  # subtitle
    assert "2023年11月28日" in text
    assert page.find("a", href=f"{reverse('editions:detail', args=[1289])}#page-第1版")
    assert page.find(["h2", "h3"], string="招募“社区合伙人”")  # the subheading is a heading
    assert text_of(page.find("blockquote")).startswith("技师的按摩手法很到位。")
    assert "居民郑阿姨" in text
    assert "2023年11月30日" in text and "更正：服务项目应为30个。" in text
    assert page.find("a", href=reverse("topics:detail", args=["党建"]))


def test_notice_page_shows_effective_date_and_issuing_body(client, edition_content):
    facts = definitions(parsed(client, edition_content["notice"].url))
    assert facts["生效日期"] == "2023年12月1日"
    assert facts["发布单位"] == "区市场监管局"


def test_brief_page(client, edition_content):
    page = parsed(client, edition_content["brief"].url)
    assert page.find("p", string="连日来，济源路街道深入开展烟花爆竹“打非”专项行动。")
    assert "(记者 " in text_of(page)


def test_lead_image_with_caption_credit_and_alt_text(client, newsroom, image):
    article = newsroom.article(
        "有题图的稿件", lead_image=image, lead_image_caption="居民接受义诊", lead_image_credit="王浩"
    )
    figure = parsed(client, article.url).find("img", alt="义诊现场").find_parent("figure")
    assert "居民接受义诊" in text_of(figure) and "图/王浩" in text_of(figure)


def test_body_image_block_with_caption_credit_and_alt_text(client, newsroom, image):
    article = newsroom.article(
        "正文有图", body=[("image", {"image": image, "caption": "消防培训现场", "credit": "李立营"})]
    )
    figure = parsed(client, article.url).find("img", alt="义诊现场").find_parent("figure")
    assert "消防培训现场" in text_of(figure) and "图/李立营" in text_of(figure)


def test_story_index_lists_stories_newest_first(client, newsroom):
    newsroom.article("旧稿件", date=datetime.date(2023, 1, 1))
    newsroom.article("新稿件", date=datetime.date(2023, 6, 1))
    page = html(client, "/news/")
    assert page.index("新稿件") < page.index("旧稿件")


def test_notices_and_briefs_pages_list_only_their_kind(client, edition_content):
    notices = html(client, reverse("stories:notices"))
    assert "下月起不得使用“生鲜灯”" in notices
    assert "“服务圈”串联“生活圈”" not in notices and "烟花爆竹" not in notices
    briefs = html(client, reverse("stories:briefs"))
    assert "连日来，济源路街道深入开展烟花爆竹“打非”专项行动。" in briefs  # the whole brief
    assert "“服务圈”串联“生活圈”" not in briefs


def test_topic_pages(client, edition_content):
    index = html(client, reverse("topics:index"))
    assert "党建" in index and "市场监管" in index
    assert "助残" not in index  # no public story yet
    page = parsed(client, reverse("topics:detail", args=["党建"]))
    assert "“服务圈”串联“生活圈”" in text_of(page)
    assert "下月起不得使用“生鲜灯”" not in text_of(page)
    feed = page.find("link", rel="alternate", href=reverse("topics:feed", args=["党建"]))
    assert feed["type"] == "application/rss+xml" and feed["title"].startswith("党建")


def test_percent_encoded_chinese_slugs_resolve(client, newsroom, edition_content):
    assert "“服务圈”串联“生活圈”" in html(client, "/topics/" + quote("党建") + "/")
    person = edition_content["reporter"]
    assert person.slug == "王明玥"
    assert "王明玥" in html(client, "/people/" + quote(person.slug) + "/")
    # A story's Chinese slug still finds it: its old long address moves on to its short one.
    story = newsroom.article("中文网址", slug="中文网址")
    response = client.get("/news/" + quote("中文网址") + "/")
    assert response.status_code == 301
    assert response["Location"] == story.url == f"/news/{story.date:%Y/%m/%d}/{story.pk}/"
    assert "中文网址" in html(client, story.url)


def test_topic_without_public_stories_is_not_found(client, edition_content):
    html(client, reverse("topics:detail", args=["助残"]), status=404)
    html(client, reverse("topics:detail", args=["没有这个专题"]), status=404)


def test_person_page_shows_profile_and_stories_by_role(client, newsroom, edition_content, image):
    person = edition_content["reporter"]
    person.bio = "本报记者，跑民生线。"
    person.photo = image
    person.save()
    newsroom.article("王明玥拍的照片", bylines=[(newsroom.person("李郑阳"), "记者"), (person, "摄影")])
    page = parsed(client, person.get_absolute_url())
    assert text_of(page.find("h1")) == "王明玥"
    assert "本报" in text_of(page) and "本报记者，跑民生线。" in text_of(page)
    assert page.find("img", alt="王明玥")
    roles = {text_of(item) for item in page.find_all("li")}
    assert {"记者 2篇", "摄影 1篇"} <= roles
    photo_card = page.find(string=re.compile("王明玥拍的照片")).find_parent("article")
    assert "署名角色：摄影" in text_of(photo_card)
    assert "“服务圈”串联“生活圈”" in text_of(page) and "济源路街道开展烟花爆竹" in text_of(page)


def test_people_index_lists_people_with_public_stories(client, newsroom, edition_content):
    newsroom.person("没有稿件的人")
    page = html(client, reverse("people:index"))
    assert "王明玥" in page and "崔惠霞" in page
    assert "没有稿件的人" not in page


def test_edition_page_lists_stories_in_print_order_by_print_page(client, edition_content):
    page = html(client, reverse("editions:detail", args=[1289]))
    assert "第1289期（2023年11月28日）" in page
    positions = [page.index(t) for t in ("“服务圈”串联“生活圈”", "下月起不得使用“生鲜灯”", "济源路街道开展烟花爆竹")]
    assert positions == sorted(positions)
    sections = BeautifulSoup(page, "html.parser")
    assert sections.find(id="page-第1版") and sections.find(id="page-第2版")  # where 刊于第N版 links lead


def test_a_story_added_to_an_edition_without_a_print_position_follows_the_printed_ones(
    client, newsroom, edition_content
):
    newsroom.article("后来补充的稿件", date=datetime.date(2023, 11, 28), edition=edition_content["edition"])
    edition = html(client, reverse("editions:detail", args=[1289]))
    assert edition.index("“服务圈”串联“生活圈”") < edition.index("后来补充的稿件")
    home = html(client, "/")
    leads = home[home.index('id="leads-title"') : home.index('id="latest-title"')]
    assert leads.index("“服务圈”串联“生活圈”") < leads.index("后来补充的稿件")


def test_back_issues_list_newest_first(client, newsroom, edition_content):
    older = newsroom.edition(1288, date=datetime.date(2023, 11, 21))
    newsroom.article("上期稿件", edition=older)
    newsroom.edition(1290, date=datetime.date(2023, 12, 5))  # nothing published from it yet
    page = html(client, reverse("editions:index"))
    assert page.index("第1289期") < page.index("第1288期")
    assert "第1290期" not in page
    html(client, reverse("editions:detail", args=[1290]), status=404)


def test_date_archive(client, newsroom, edition_content):
    newsroom.article("十月的稿件", date=datetime.date(2023, 10, 9))
    page = parsed(client, reverse("stories:archive"))
    assert "2023年" in text_of(page)
    november = page.find("a", href=reverse("stories:archive_month", args=[2023, 11]))
    assert text_of(november) == "11月" and "3篇" in text_of(november.parent)
    month = html(client, reverse("stories:archive_month", args=[2023, 10]))
    assert "十月的稿件" in month and "“服务圈”串联“生活圈”" not in month


@pytest.mark.parametrize("path", ["/archive/2023/13/", "/archive/2023/0/", "/archive/99999/1/", "/archive/1999/1/"])
def test_impossible_or_empty_months_are_not_found(client, edition_content, path):
    html(client, path, status=404)


def test_html_in_titles_is_escaped(client, newsroom):
    story = newsroom.article(
        "<script>alert('标题')</script>",
        subtitle="<b>副题</b>",
        topics=["民生"],
        body=[("subheading", "<i>小标题</i>")],
    )
    for url in (story.url, "/", "/news/", reverse("topics:detail", args=["民生"])):
        page = html(client, url)
        assert "<script>alert(" not in page, url
        assert "&lt;script&gt;alert(" in page, url
    assert "&lt;b&gt;副题&lt;/b&gt;" in page and "&lt;i&gt;小标题&lt;/i&gt;" in html(client, story.url)
    feed = client.get(reverse("stories:feed")).content.decode()
    assert "<script>" not in feed and "&lt;script&gt;" in feed


def test_pages_share_the_layout(client, edition_content):
    page = parsed(client, reverse("stories:briefs"))
    assert page.html["lang"] == "zh-Hans"
    assert "width=device-width" in page.find("meta", attrs={"name": "viewport"})["content"]  # phones
    assert page.find("a", href="#main") and page.find("main", id="main")  # skip link
    assert page.find("header") and page.find("footer") and page.find("nav")
    search = page.find("form", role="search")
    assert search["action"] == "/search/" and search.get("method", "get").lower() == "get"
    assert search.find("input", attrs={"name": "q"})
    assert page.find("link", rel="alternate", type="application/rss+xml")
    # Reading preferences are applied in <head> from localStorage, never from the server, by a
    # script that is neither deferred (it must run before the first paint) nor inline (the CSP).
    head_scripts = [script for script in page.head.find_all("script") if script.get("src")]
    assert "/static/js/reading-modes.js" in [script["src"] for script in head_scripts]
    assert not any(script.has_attr("defer") or script.has_attr("async") for script in head_scripts)
    assert not [
        script
        for script in page.find_all("script")
        if not script.get("src") and script.get("type") != "application/ld+json"
    ]


def test_not_found_page_is_in_chinese_with_the_site_layout(client, newsroom):
    page = parsed(client, "/news/no-such-story/", status=404)
    assert text_of(page.find("h1")) == "找不到这个页面" and page.find("nav")
    missing_topic = parsed(client, reverse("topics:detail", args=["没有这个专题"]), status=404)
    assert text_of(missing_topic.find("h1")) == "找不到这个页面"


def test_server_error_page_renders_without_a_request():
    from django.template.loader import render_to_string

    assert "网站暂时出错" in render_to_string("500.html")


def test_reader_pages_are_the_same_for_every_reader(client, edition_content):
    """Nothing per reader (no cookie, no CSRF token) so that the page cache can serve them."""
    for url in (
        "/",
        edition_content["article"].url,
        reverse("topics:detail", args=["党建"]),
        reverse("stories:briefs"),
    ):
        response = client.get(url)
        assert response.status_code == 200 and not response.cookies, url
        assert "csrfmiddlewaretoken" not in response.content.decode(), url
