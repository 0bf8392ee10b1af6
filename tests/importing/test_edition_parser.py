"""The edition parser on its own: small texts with one layout quirk each (no database)."""

from datetime import date

import pytest

from bulletin.importing.edition_parser import (
    ROLES,
    Byline,
    EditionFormatError,
    brief_title,
    decode_edition,
    parse_byline,
    parse_edition,
)
from bulletin.people.models import Role


def parse(text, known_columns=()):
    return parse_edition(text, known_columns=known_columns)


def warnings_text(edition):
    return "\n".join(str(warning) for warning in edition.warnings)


class TestBylines:
    def test_the_parsers_roles_are_the_bylines_roles(self):
        # The parser stays free of Django, so it keeps its own list: in step with the model's.
        assert ROLES == tuple(Role.values)

    def test_roles_and_several_names_per_role_in_print_order(self):
        assert parse_byline("(记者 李立营 罗浩 通讯员 吴浩晨)") == [
            Byline("李立营", "记者"),
            Byline("罗浩", "记者"),
            Byline("吴浩晨", "通讯员"),
        ]

    def test_full_width_brackets_photographer_and_intern(self):
        assert parse_byline("（摄影 张三 实习生 李四）") == [Byline("张三", "摄影"), Byline("李四", "实习生")]

    def test_role_printed_against_the_name(self):
        assert parse_byline("(记者王浩)") == [Byline("王浩", "记者")]

    def test_longer_role_words_are_the_same_roles(self):
        assert parse_byline("(本报记者 王浩 特约通讯员 李莉)") == [Byline("王浩", "记者"), Byline("李莉", "通讯员")]
        assert parse_byline("(见习记者张三)") == [Byline("张三", "记者")]

    def test_bracketed_text_that_is_not_a_byline(self):
        assert parse_byline("(上接第一版)") is None
        assert parse_byline("(记者 说：今天很好。)") is None

    def test_names_wrapped_onto_the_next_line_are_separate_people(self):
        edition = parse("## 标题\n\n正文。\n\n(记者 王明玥 通讯员 崔惠霞  \n冀市里)\n")
        assert edition.stories[0].bylines == [
            Byline("王明玥", "记者"),
            Byline("崔惠霞", "通讯员"),
            Byline("冀市里", "通讯员"),
        ]

    def test_byline_cut_by_a_page_break_is_joined(self):
        edition = parse("## 标题\n\n正文。\n\n(记者 王明玥 通讯员\n\n崔惠霞)\n")
        assert edition.stories[0].bylines == [Byline("王明玥", "记者"), Byline("崔惠霞", "通讯员")]

    def test_byline_at_the_end_of_the_last_paragraph(self):
        edition = parse("## 标题\n\n正文第一句。(记者 王浩)\n")
        story = edition.stories[0]
        assert story.paragraphs() == ["正文第一句。"]
        assert story.bylines == [Byline("王浩", "记者")]

    def test_byline_that_never_closes_names_its_line(self):
        with pytest.raises(EditionFormatError) as error:
            parse("## 标题\n\n正文。\n\n(记者 王浩 通讯员 李莉\n\n## 下一篇\n\n正文。\n")
        assert error.value.line == 5
        assert str(error.value) == '第 5 行：署名 "(记者 王浩 通讯员 李…" 缺少结尾的“)”或“）”'


class TestHeadings:
    def test_heading_right_under_a_headline_is_its_subtitle(self):
        story = parse("## 助残暖冬行\n\n### 关爱暖人心\n\n正文。\n\n(记者 甲乙)\n").stories[0]
        assert (story.column, story.title, story.subtitle) == ("", "助残暖冬行", "关爱暖人心")

    def test_heading_after_a_paragraph_is_a_subheading(self):
        story = parse("## 标题\n\n导语。\n\n### 小标题\n\n正文。\n").stories[0]
        assert story.subtitle == ""
        assert [(block.type, block.text) for block in story.blocks] == [
            ("paragraph", "导语。"),
            ("subheading", "小标题"),
            ("paragraph", "正文。"),
        ]

    def test_short_quoted_slogan_over_a_heading_is_a_column(self):
        edition = parse("## 深入实施“十大战略”\n\n### 技术指导+过程帮扶 为重点项目提供双支撑\n\n正文。\n")
        story = edition.stories[0]
        assert story.column == "深入实施“十大战略”"
        assert story.title == "技术指导+过程帮扶 为重点项目提供双支撑"
        assert story.subtitle == ""
        assert "第 1 行：【请核对】把「## 深入实施“十大战略”」当作栏目名" in warnings_text(edition)
        assert "修改“栏目”“标题”和“副题”" in warnings_text(edition)

    def test_known_column_is_a_column_without_a_warning(self):
        edition = parse("## 街道动态\n\n### 某街道开展活动\n\n正文。\n\n(记者 甲乙)\n", known_columns={"街道动态"})
        assert (edition.stories[0].column, edition.stories[0].title) == ("街道动态", "某街道开展活动")
        assert "栏目" not in warnings_text(edition)


class TestPageBreaks:
    def test_word_split_across_paragraphs_is_joined_with_a_warning(self):
        edition = parse("## 标题\n\n为方便群众办事，区政务\n\n服务中心持续推行预约服务。\n")
        assert edition.stories[0].paragraphs() == ["为方便群众办事，区政务服务中心持续推行预约服务。"]
        assert "第 3 行：【已自动处理】第 3–5 行之间，排版分页把一句话断开了" in warnings_text(edition)

    def test_paragraph_ending_a_sentence_is_not_joined(self):
        edition = parse("## 标题\n\n第一段。\n\n“第二段。”\n")
        assert edition.stories[0].paragraphs() == ["第一段。", "“第二段。”"]

    def test_numbered_points_stay_paragraphs(self):
        edition = parse("## 标题\n\n主要措施\n\n一、加强监管。\n")
        assert edition.stories[0].paragraphs() == ["主要措施", "一、加强监管。"]

    def test_stray_credit_inside_a_story_is_removed_and_the_text_healed(self):
        edition = parse("## 标题\n\n宣传员按照\n\n(记者 王浩)\n\n灭火器“四字诀”教大家。\n\n(记者 王浩)\n")
        story = edition.stories[0]
        assert story.paragraphs() == ["宣传员按照灭火器“四字诀”教大家。"]
        assert story.bylines == [Byline("王浩", "记者")]
        assert "第 5 行：【请核对】署名 (记者 王浩) 夹在稿件" in warnings_text(edition)

    def test_stray_photo_credit_adds_the_photographer(self):
        edition = parse("## 标题\n\n第一段。\n\n(摄影 李四)\n\n第二段。\n\n(记者 王浩)\n")
        assert edition.stories[0].bylines == [Byline("王浩", "记者"), Byline("李四", "摄影")]
        assert "那处署名中的 摄影 李四 已加入这篇稿件的署名" in warnings_text(edition)


class TestBriefs:
    def test_brief_title_drops_the_time_phrase_and_keeps_the_first_clause(self):
        assert (
            brief_title("近日，矿山街道联合派出所民警和社区工作者，集中排查。") == "矿山街道联合派出所民警和社区工作者"
        )
        assert brief_title("十月份以来，区散煤办组织各镇办持续开展煤治理宣传活动，收到良好效果。") == (
            "区散煤办组织各镇办持续开展煤治理宣传活动"
        )

    def test_a_long_first_clause_is_kept_whole(self):
        assert brief_title(
            "近日，市医保局上街分局在郑州铁路技师学院开展了大学生医保政策系列宣讲活动，提高参保率。"
        ) == ("市医保局上街分局在郑州铁路技师学院开展了大学生医保政策系列宣讲活动")

    def test_a_longer_one_is_cut_before_a_quotation_not_inside_it(self):
        title = brief_title(
            "近日，区民政局联合区人武部在区行政服务中心开展“踔厉奋发强国防 勇毅前行向复兴”国防教育主题讲座，干部职工聆听。"
        )
        assert title == "区民政局联合区人武部在区行政服务中心开展…"

    def test_briefs_before_and_after_the_column_header(self):
        edition = parse(
            "## 标题\n\n正文。\n\n(记者 甲乙)\n\n●近日，甲街道开展活动。\n\n(记者 丙丁)\n\n"
            "## 简讯\n\n●连日来，乙街道开展行动。\n\n(通讯员 戊己)\n"
        )
        assert [story.kind for story in edition.stories] == ["article", "brief", "brief"]
        assert [story.title for story in edition.briefs] == ["甲街道开展活动", "乙街道开展行动"]
        assert not any("简讯" == story.title for story in edition.stories)

    def test_brief_printed_twice_is_kept_once_with_its_byline(self):
        edition = parse(
            "## 简讯\n\n●近日，甲街道开展活动。\n\n●近日，乙街道开展活动。\n\n(记者 丙丁)\n\n"
            "●近日，甲街道开展活动。\n\n(记者 戊己)\n"
        )
        assert [story.body_text() for story in edition.briefs] == ["近日，甲街道开展活动。", "近日，乙街道开展活动。"]
        assert edition.briefs[0].bylines == [Byline("戊己", "记者")]
        assert (
            '第 9 行：【已自动处理】"近日，甲街道开展活动。" 与第 3 行的稿件相同（版面上印了两次），只导入一次'
            in warnings_text(edition)
        )

    def test_paragraph_without_a_bullet_in_the_briefs_column_is_a_brief(self):
        edition = parse("## 简讯\n\n近日，甲街道开展活动。\n\n(记者 丙丁)\n")
        assert edition.briefs[0].body_text() == "近日，甲街道开展活动。"
        assert '第 3 行：【请核对】简讯栏中 "近日，甲街道开展活动。" 没有以“●”开头' in warnings_text(edition)


class TestNotices:
    def test_reminder_with_effective_date_and_issuing_body(self):
        edition = parse(
            "## 提醒！下月起销售食用农产品不得使用“生鲜灯”\n\n"
            "记者日前从区市场监管局获悉，2023年12月1日起，销售食用农产品不得使用“生鲜灯”。\n"
        )
        story = edition.stories[0]
        assert story.is_notice
        assert story.effective_date == date(2023, 12, 1)
        assert story.issuing_body == "区市场监管局"
        assert "已归入通知公告：标题中有“提醒”。如果它不是通知公告" in warnings_text(edition)

    def test_ordinary_story_is_not_a_notice(self):
        story = parse("## 消防培训进场所\n\n同时，提醒负责人落实责任。\n").stories[0]
        assert not story.is_notice
        assert story.effective_date is None


def test_windows_line_endings_and_full_width_indents_read_the_same():
    plain = "## 标题\n\n### 副题\n\n第一段。\n\n(记者 王浩)\n"
    windows = "\ufeff## 标题\r\n\r\n### 副题\r\n\r\n\u3000\u3000第一段。\r\n\r\n(记者 王浩)\r\n"
    assert parse(windows).stories == parse(plain).stories


class TestUnreadableInput:
    @pytest.mark.parametrize(
        "text, line, message",
        [
            ("", 1, "文件是空的"),
            ("\n  \n\n", 1, "文件是空的"),
            ("一段没有标题的文字。\n", 1, "出现在第一篇稿件之前"),
            ("\n\n### 小标题\n", 3, "出现在第一篇稿件之前"),
            ("(记者 王浩)\n", 1, "前面没有稿件"),
            ("## \n\n正文。\n", 1, "“## ”后面没有标题"),
        ],
    )
    def test_clear_error_with_line(self, text, line, message):
        with pytest.raises(EditionFormatError) as error:
            parse(text)
        assert error.value.line == line
        assert message in str(error.value)

    def test_binary_data(self):
        with pytest.raises(EditionFormatError) as error:
            decode_edition(b"## title\n\x89PNG\r\n\x1a\n\x00\x00\x00")
        assert error.value.line == 4
        assert str(error.value) == "第 4 行：有二进制数据（NUL 字节）：这不是一期报纸的文字稿"

    def test_not_utf8_names_the_line(self):
        data = "## 标题\n\n正文。\n".encode("gbk")
        with pytest.raises(EditionFormatError) as error:
            decode_edition(data)
        assert error.value.line == 1
        assert "第 1 行：不是 UTF-8 编码的文字" in str(error.value)
