"""import_edition through the real command: the seed edition story by story, and what must not happen."""

import json
import re
from datetime import date
from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import transaction
from wagtail.signals import page_published

from bulletin.editions.models import Edition
from bulletin.people.models import Person
from bulletin.stories.models import ArticlePage, BriefPage, StoryPage
from tests.conftest import SEED_EDITION, CommandRun

from .conftest import SEED_DATE

# The seed as the product issue describes it: (column, title, subtitle, bylines).
SEED_ARTICLES = [
    ("", "“服务圈”串联“生活圈” 构筑“幸福圈”", "", [("王明玥", "记者"), ("崔惠霞", "通讯员"), ("冀市里", "通讯员")]),
    ("", "周末服务“不打烊” 便民举措“暖人心”", "", [("李郑阳", "记者"), ("张洋", "通讯员")]),
    ("", "助残暖冬行", "关爱暖人心", [("冯佳雯", "记者"), ("禹明月", "通讯员")]),
    ("", "区城管局：聚焦民生实事 推动主题教育见行见效", "", [("张怡馨", "记者"), ("李郑阳", "记者")]),
    ("", "上街区：走好创新驱动高质量发展之路", "", [("李立营", "记者"), ("罗浩", "记者"), ("吴浩晨", "通讯员")]),
    (
        "深入实施“十大战略”",
        "技术指导+过程帮扶 为重点项目提供双支撑",
        "",
        [("刘世平", "记者"), ("马义鼎", "通讯员"), ("李莉", "通讯员")],
    ),
    (
        "",
        "提醒！下月起销售食用农产品不得使用“生鲜灯”",
        "",
        [("曹晓盼", "记者"), ("王革新", "通讯员"), ("夏程浩", "通讯员")],
    ),
    ("", "一卡在手 说走就走 区委外事服务中心助力企业拓展国际市场", "", [("王明玥", "记者"), ("许真真", "通讯员")]),
    ("", "消防培训进场所 筑牢安全“防火墙”", "", [("王浩", "记者")]),
]
# Briefs: how the text begins, the title made from it (print runs briefs without one: the first
# clause, without the time phrase), and the bylines.
SEED_BRIEFS = [
    ("近日，矿山街道联合派出所民警", "矿山街道联合派出所民警和社区工作者", [("李郑阳", "记者"), ("吴洁", "通讯员")]),
    (
        "近日，区民政局开展",
        "区民政局开展“踔厉奋发强国防 勇毅前行向复兴”国防教育主题讲座",
        [("王明玥", "记者"), ("宋莹莹", "通讯员")],
    ),
    (
        "近日，市医保局上街分局",
        "市医保局上街分局在郑州铁路技师学院开展了大学生医保政策系列宣讲活动",
        [("冯佳雯", "记者"), ("原利华", "通讯员"), ("于悦", "通讯员")],
    ),
    ("十月份以来，区散煤办", "区散煤办组织各镇办持续开展煤治理宣传活动", [("曹晓盼", "记者"), ("王华歌", "通讯员")]),
    (
        "连日来，济源路街道",
        "济源路街道深入开展烟花爆竹“打非”专项行动",
        [("冯佳雯", "记者"), ("王煜睿", "通讯员"), ("聂艳萍", "通讯员")],
    ),
]
BYLINE_PARAGRAPH = re.compile(r"^[(（]\s*(记者|通讯员|摄影|实习生).*[)）]$", re.S)


def bylines(story):
    return [(byline.person.name, byline.role) for byline in story.ordered_bylines()]


def in_print_order(model=StoryPage):
    return list(model.objects.filter(edition__date=SEED_DATE).order_by("edition_order").specific())


@pytest.fixture
def seed(db, run, seed_edition_path):
    return run("import_edition", seed_edition_path, "--date", SEED_DATE, "--publish")


@pytest.fixture(scope="class")
def seed_once(django_db_setup, django_db_blocker):
    """The seed imported once for a class of read-only tests, rolled back after them."""
    with django_db_blocker.unblock(), transaction.atomic():
        stdout, stderr = StringIO(), StringIO()
        call_command(
            "import_edition", str(SEED_EDITION), "--date", SEED_DATE, "--publish", stdout=stdout, stderr=stderr
        )
        yield CommandRun(stdout.getvalue(), stderr.getvalue())
        transaction.set_rollback(True)


@pytest.mark.usefixtures("db")
class TestSeedEdition:
    @pytest.fixture
    def seed(self, seed_once):
        return seed_once

    def test_nine_articles_and_five_briefs_in_print_order(self, seed):
        stories = in_print_order()
        assert [type(story) for story in stories] == [ArticlePage] * 9 + [BriefPage] * 5
        assert [story.edition_order for story in stories] == list(range(1, 15))
        edition = Edition.objects.get()
        assert edition.date == date(2023, 11, 28)
        assert all(story.edition == edition and story.date == edition.date for story in stories)

    def test_articles_titles_subtitles_columns_and_bylines(self, seed):
        articles = in_print_order(ArticlePage)
        assert [(a.column, a.title, a.subtitle, bylines(a)) for a in articles] == SEED_ARTICLES

    def test_five_distinct_briefs_with_titles_and_bylines(self, seed):
        briefs = in_print_order(BriefPage)
        starts = [start for start, *__ in SEED_BRIEFS]
        found = [(brief.body[: len(start)], brief.title, bylines(brief)) for brief, start in zip(briefs, starts)]
        assert found == SEED_BRIEFS
        assert len(briefs) == len({brief.body for brief in briefs}) == 5

    def test_first_story_headings_are_subheadings(self, seed):
        first = in_print_order(ArticlePage)[0]
        subheadings = [block.value for block in first.body if block.block_type == "subheading"]
        assert subheadings == [
            "招募“社区合伙人” 共建服务“供给库”",
            "15分钟导视图 绘出便民“引路人”",
            "延伸党群服务半径 扩容党群“辐射圈”",
        ]
        assert first.body[0].block_type == "paragraph"

    def test_page_breaks_healed(self, seed):
        text = "\n".join(story.plain_text() for story in in_print_order())
        for healed in [
            "区政务服务中心",
            "3个区间",
            "问询假肢",
            "以主题教育推动",
            "查摆问题70条",
            "绿色保质",
            "全面摸排",
            "停留60天至180天",
            "按照灭火器",
        ]:
            assert healed in text
        fire = in_print_order(ArticlePage)[8]
        assert "王浩" not in fire.plain_text()

    def test_no_sentence_of_the_source_is_lost(self, seed, seed_edition_path):
        source = seed_edition_path.read_text(encoding="utf-8")
        kept = []
        for paragraph in re.split(r"\n\s*\n", source):
            paragraph = paragraph.strip()
            if paragraph and not paragraph.startswith("#") and not BYLINE_PARAGRAPH.match(paragraph):
                kept.append(paragraph.lstrip("●"))
        source_text = re.sub(r"\s", "", "".join(kept))
        sentences = [s for s in re.split(r"(?<=[。！？])", source_text) if re.search(r"[\u4e00-\u9fff]", s)]
        imported = re.sub(r"\s", "", "".join(story.plain_text() for story in in_print_order()))
        assert len(sentences) > 80
        assert [sentence for sentence in sentences if sentence not in imported] == []

    def test_notice(self, seed):
        notice = ArticlePage.objects.get(title__startswith="提醒！")
        assert notice.is_notice
        assert notice.kind == "notice"
        assert notice.effective_date == date(2023, 12, 1)
        assert notice.issuing_body == "区市场监管局"
        assert ArticlePage.objects.filter(is_notice=True).count() == 1

    def test_topics_tagged_from_the_text(self, seed):
        def topics(title):
            return set(ArticlePage.objects.get(title=title).topics.values_list("name", flat=True))

        assert "助残" in topics("助残暖冬行")
        assert "城管" in topics("区城管局：聚焦民生实事 推动主题教育见行见效")
        assert "外事" in topics("一卡在手 说走就走 区委外事服务中心助力企业拓展国际市场")
        assert "助残" not in topics("一卡在手 说走就走 区委外事服务中心助力企业拓展国际市场")

    def test_people_are_one_record_each(self, seed):
        names = [name for *__, story_bylines in SEED_ARTICLES for name, __ in story_bylines]
        names += [name for *__, brief_bylines in SEED_BRIEFS for name, __ in brief_bylines]
        assert Person.objects.count() == len(set(names))
        wang = Person.objects.get(name="王明玥")
        assert wang.bylines.count() == 3

    def test_warnings_on_stderr_in_chinese_with_line_numbers_and_where_to_change_it(self, seed, seed_edition_path):
        warnings = seed.stderr.splitlines()
        assert len(warnings) == 13
        for line in [17, 42, 56, 72, 78, 102, 130, 142, 160, 190]:
            assert f"{seed_edition_path}: 第 {line} 行：【已自动处理】" in seed.stderr
        for line in [110, 122, 162]:  # a column guessed, a notice guessed, a credit moved out of the text
            assert f"{seed_edition_path}: 第 {line} 行：【请核对】" in seed.stderr
        for warning in warnings:
            if "【请核对】" in warning:
                assert "在管理后台“页面 → 新闻”中打开这篇稿件" in warning
        assert "区政务" in seed.stderr
        assert "line " not in seed.stderr
        summary, report = seed.stdout.splitlines()
        assert summary == "需要注意：3 处请编辑核对（标有【请核对】，每条说明了在后台哪里修改），10 处已自动处理。"
        assert report == "第 1 期（2023年11月28日）：新发布 14 篇稿件，0 篇以前已导入。"

    def test_a_clean_edition_says_nothing_needs_attention(self, db, run, write_file):
        path = write_file("clean.txt", "## 老街口新装了路灯\n\n老街口新装了十盏路灯。\n\n(记者 王浩)\n")
        result = run("import_edition", path, "--date", "2023-11-29", "--publish")
        assert result.stderr == ""
        assert result.stdout.splitlines()[0] == "没有需要注意的地方。"


class TestPublishing:
    def test_without_publish_stories_are_drafts_with_a_revision(self, db, run, seed_edition_path, client):
        run("import_edition", seed_edition_path, "--date", SEED_DATE)
        stories = in_print_order()
        assert len(stories) == 14
        for story in stories:
            assert not story.live
            assert story.has_unpublished_changes
            assert story.revisions.count() == 1
            assert story.latest_revision_id and story.live_revision_id is None
        assert not StoryPage.objects.for_readers().exists()
        assert client.get(stories[0].url_path.removeprefix("/home")).status_code == 404

    def test_publish_goes_through_wagtail_publishing(self, db, run, seed_edition_path, client):
        published = []

        def receiver(sender, instance, revision, **kwargs):
            published.append(instance.pk)

        page_published.connect(receiver)
        try:
            run("import_edition", seed_edition_path, "--date", SEED_DATE, "--publish")
        finally:
            page_published.disconnect(receiver)
        stories = in_print_order()
        assert sorted(published) == sorted(story.pk for story in stories)
        assert StoryPage.objects.for_readers().count() == 14
        story = stories[2]
        assert story.live and story.first_published_at and story.live_revision_id == story.latest_revision_id
        response = client.get(story.url)
        assert response.status_code == 200
        assert "关爱暖人心" in response.content.decode()


class TestReimport:
    def test_importing_again_changes_nothing(self, seed, run, seed_edition_path, database_counts):
        before = database_counts()
        second = run("import_edition", seed_edition_path, "--date", SEED_DATE, "--publish")
        assert database_counts() == before
        assert "新发布 0 篇稿件，14 篇以前已导入。" in second.stdout

    def test_people_shared_with_another_edition_are_not_duplicated(self, seed, run, write_file):
        other = write_file(
            "edition-2023-12-05.txt",
            "## 区残联开展助残日活动\n\n近日，区残联开展活动，为残疾人送去慰问。\n\n(记者 王明玥 冯佳雯 通讯员 新通讯员)\n",
        )
        people_before = Person.objects.count()
        run("import_edition", other, "--date", "2023-12-05", "--publish")
        assert Person.objects.count() == people_before + 1
        assert Person.objects.filter(name="王明玥").count() == 1
        story = ArticlePage.objects.get(title="区残联开展助残日活动")
        assert bylines(story) == [("王明玥", "记者"), ("冯佳雯", "记者"), ("新通讯员", "通讯员")]
        assert story.edition.number == 2
        assert Person.objects.get(name="王明玥").bylines.count() == 4

    def test_namesakes_use_the_oldest_record_and_warn(self, db, run, seed_edition_path):
        oldest = Person.objects.create(name="王浩", unit="区消防救援大队")
        Person.objects.create(name="王浩", unit="区融媒体中心")
        result = run("import_edition", seed_edition_path, "--date", SEED_DATE)
        fire = ArticlePage.objects.get(title__startswith="消防培训")
        assert [byline.person for byline in fire.ordered_bylines()] == [oldest]
        assert Person.objects.filter(name="王浩").count() == 2
        assert "第 154 行：【请核对】有多位人员叫 王浩，署名用了最早建立的一位" in result.stderr

    def test_changed_source_and_unpublished_drafts_are_reported_not_overwritten(
        self, db, run, seed_edition_path, write_file, database_counts
    ):
        run("import_edition", seed_edition_path, "--date", SEED_DATE)
        corrected = seed_edition_path.read_text(encoding="utf-8").replace("助残暖冬行", "助残暖冬行动")
        before = database_counts()
        result = run("import_edition", write_file("corrected.txt", corrected), "--date", SEED_DATE, "--publish")
        assert database_counts() == before
        assert ArticlePage.objects.filter(title="助残暖冬行", live=False).exists()
        assert "第 50 行：【请核对】本期第 3 篇以前导入过，文件里的文字现在不一样了" in result.stderr
        assert "第 50 行：【请核对】本期第 3 篇以前作为草稿导入过，这次没有替编辑发布它" in result.stderr
        assert result.stdout.startswith("需要注意：")

    def test_options_given_as_keywords(self, db, seed_edition_path):
        call_command(
            "import_edition",
            str(seed_edition_path),
            date="2023-11-28",
            number="5",
            stdout=StringIO(),
            stderr=StringIO(),
        )
        assert Edition.objects.get().number == 5
        assert StoryPage.objects.filter(date=date(2023, 11, 28)).count() == 14

    def test_edition_number_must_match_its_date(self, seed, run, seed_edition_path, database_counts):
        before = database_counts()
        with pytest.raises(CommandError, match="第 1 期的日期是 2023-11-28，不是 2023-11-29"):
            run("import_edition", seed_edition_path, "--date", "2023-11-29", "--number", "1")
        assert database_counts() == before

    def test_two_editions_of_the_date_need_a_number(self, db, run, seed_edition_path, database_counts):
        Edition.objects.create(number=3, date=date(2023, 11, 28))
        Edition.objects.create(number=4, date=date(2023, 11, 28))
        before = database_counts()
        with pytest.raises(CommandError, match="第 3、4 期都是 2023-11-28 出版的：请用 --number 选定一期"):
            run("import_edition", seed_edition_path, "--date", SEED_DATE)
        assert database_counts() == before


class TestDryRun:
    def test_json_has_the_parsed_edition_and_writes_nothing(self, db, run, seed_edition_path, database_counts):
        before = database_counts()
        result = run("import_edition", seed_edition_path, "--date", SEED_DATE, "--dry-run", "--json")
        assert database_counts() == before
        data = json.loads(result.stdout)
        assert set(data) == {"articles", "briefs", "warnings"}
        assert len(data["articles"]) == 9 and len(data["briefs"]) == 5
        for article in data["articles"]:
            assert set(article) == {"kind", "title", "subtitle", "column", "bylines", "topics", "body"}
        for brief in data["briefs"]:
            assert set(brief) == {"title", "bylines", "body"}
        notice = data["articles"][6]
        assert notice["kind"] == "notice"
        assert [a["kind"] for a in data["articles"]].count("article") == 8
        assert data["articles"][2]["subtitle"] == "关爱暖人心"
        assert "助残" in data["articles"][2]["topics"]
        assert data["articles"][0]["bylines"][2] == {"name": "冀市里", "role": "通讯员"}
        first_body = data["articles"][0]["body"].split("\n")
        assert first_body[1] == "招募“社区合伙人” 共建服务“供给库”"
        assert any(warning.startswith("第 162 行：【请核对】署名 (记者 王浩)") for warning in data["warnings"])
        assert "服务圈" in result.stdout  # not escaped as \\uXXXX

    def test_human_dry_run_lists_stories(self, db, run, seed_edition_path, database_counts):
        before = database_counts()
        result = run("import_edition", seed_edition_path, "--date", SEED_DATE, "--dry-run")
        assert database_counts() == before
        assert "[通知公告] 提醒！下月起销售食用农产品不得使用“生鲜灯”" in result.stdout
        assert "试运行：读出 9 篇稿件、5 条简讯，没有写入任何内容。" in result.stdout
        assert "第 42 行：【已自动处理】" in result.stderr
        assert "需要注意：3 处请编辑核对" in result.stdout


class TestBadFiles:
    @pytest.mark.parametrize(
        "content, message",
        [
            ("", "第 1 行：文件是空的"),
            ("正文没有标题。\n", '第 1 行："正文没有标题。" 出现在第一篇稿件之前'),
            (
                "## 标题\n\n正文。\n\n(记者 王浩 通讯员\n\n## 下一篇\n",
                '第 5 行：署名 "(记者 王浩 通讯员" 缺少结尾的“)”或“）”',
            ),
            ("## 标题\n\n正文。\n".encode("gbk"), "第 1 行：不是 UTF-8 编码的文字"),
            (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "第 3 行：有二进制数据"),
        ],
    )
    def test_clear_error_and_nothing_written(self, db, run, write_file, database_counts, content, message):
        path = write_file("edition.txt", content)
        before = database_counts()
        with pytest.raises(CommandError) as error:
            run("import_edition", path, "--date", SEED_DATE, "--publish")
        assert message in str(error.value)
        assert str(error.value).endswith("；没有导入任何稿件")
        assert database_counts() == before

    @pytest.mark.parametrize(
        "options, message",
        [
            (["--date", "2023-13-01"], "--date: '2023-13-01' 不是有效的日期（格式为 YYYY-MM-DD）"),
            (["--date", SEED_DATE, "--number", "0"], "--number: 最小是 1，0 太小"),
            (["--date", SEED_DATE, "--number", "十二"], "--number: '十二' 不是整数"),
        ],
    )
    def test_bad_options_are_refused_with_the_reason(
        self, db, run, seed_edition_path, database_counts, options, message
    ):
        before = database_counts()
        with pytest.raises(CommandError, match=re.escape(message)):
            run("import_edition", seed_edition_path, *options)
        assert database_counts() == before

    def test_options_given_as_keywords_are_checked_too(self, db, seed_edition_path):
        with pytest.raises(CommandError, match="--number: 最小是 1，0 太小"):
            call_command("import_edition", str(seed_edition_path), date=SEED_DATE, number=0)

    def test_missing_file(self, db, run, tmp_path):
        with pytest.raises(CommandError, match="无法读取 .*missing.txt："):
            run("import_edition", tmp_path / "missing.txt", "--date", SEED_DATE)

    def test_story_that_cannot_be_saved_rolls_back_the_whole_edition(self, db, run, write_file, database_counts):
        path = write_file("edition.txt", "## 第一篇\n\n正文。\n\n(记者 王浩)\n\n## " + "长" * 300 + "\n\n正文。\n")
        before = database_counts()
        with pytest.raises(CommandError, match="第 7 行：长+ 无法保存（"):
            run("import_edition", path, "--date", SEED_DATE, "--publish")
        assert database_counts() == before


def test_html_in_the_input_is_text(db, run, write_file, client):
    path = write_file(
        "edition.txt",
        "## <script>alert(1)</script>区里的新闻\n\n正文有<b>标签</b>&amp;符号。\n\n(记者 王浩)\n",
    )
    run("import_edition", path, "--date", SEED_DATE, "--publish")
    story = ArticlePage.objects.get()
    assert story.title == "<script>alert(1)</script>区里的新闻"
    assert story.body[0].value.source == "<p>正文有&lt;b&gt;标签&lt;/b&gt;&amp;amp;符号。</p>"
    html = client.get(story.url).content.decode()
    assert "<script>alert(1)</script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;区里的新闻" in html
    assert "<b>标签</b>" not in html
