"""What the importers do with text XML cannot carry, oversized fields and a database that fails.

import_edition removes control characters (a print layout system leaves form feeds) and says
on which lines; import_articles refuses the line, by number, and writes nothing; an archive
import is one transaction, so a database error in a later batch leaves nothing either. After
each, the feeds and the sitemap parse.
"""

import json
from contextlib import contextmanager
from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection
from django.urls import reverse

from bulletin.importing.archive_reader import BODY_MAX_LENGTH, TITLE_MAX_LENGTH
from bulletin.stories.models import StoryPage
from bulletin.topics.models import Topic
from tests.hostile.xml_outputs import C0_CONTROLS, LONE_SURROGATES, NON_CHARACTERS, assert_xml_outputs_parse, code

from .conftest import SEED_DATE, row_counts

# -- import_edition ---------------------------------------------------------------------------

EDITION = """\
## 区政务服务中心{c}延长办理时间

近日，区政务
{c}
服务中心延长了周末办理时间。

（记者 王{c}浩）
"""
CLEAN_TITLE = "区政务服务中心延长办理时间"


@pytest.mark.parametrize("character", [c for c in C0_CONTROLS if c != "\x00"], ids=code)
def test_import_edition_removes_a_control_character_and_says_where(db, run, write_file, client, character):
    topic, __ = Topic.objects.get_or_create(name="政务服务", defaults={"slug": "政务服务"})
    path = write_file("edition.txt", EDITION.format(c=character))

    result = run("import_edition", path, "--date", SEED_DATE, "--publish")

    removed = f"【已自动处理】删除了 1 个看不见的控制字符（control character {code(character)}）"
    for line in (1, 4, 7):
        assert f"{path}: 第 {line} 行：{removed}" in result.stderr
    story = StoryPage.objects.get().specific
    assert story.title == CLEAN_TITLE
    assert story.plain_text() == "近日，区政务服务中心延长了周末办理时间。"
    assert story.print_byline() == "记者 王浩"
    titles = assert_xml_outputs_parse(client)
    assert CLEAN_TITLE in titles[reverse("stories:feed")]
    assert CLEAN_TITLE in titles[reverse("topics:feed", args=[topic.slug])]


def test_import_edition_refuses_a_nul_byte_by_line_and_writes_nothing(db, run, write_file, database_counts, client):
    """NUL is no stray from a layout system: a text with NUL bytes is UTF-16 or binary, so
    importing it with them removed would import garbage."""
    before = database_counts()
    path = write_file("edition.txt", EDITION.format(c="\x00"))
    with pytest.raises(CommandError, match=r"第 1 行：有二进制数据（NUL 字节）.*；没有导入任何稿件$"):
        run("import_edition", path, "--date", SEED_DATE, "--publish")
    assert database_counts() == before
    assert_xml_outputs_parse(client)


# -- import_articles --------------------------------------------------------------------------


def item(n, **fields):
    return {"title": f"第{n}条", "body": f"第{n}条正文。", "date": "2023-01-01", "category": "档案", **fields}


def archive_lines(bad_line):
    """Six good items with ``bad_line`` (a JSON line, as written) as line 4: with --batch-size 2,
    lines 1–3 are two batches before it."""
    lines = [json.dumps(item(n), ensure_ascii=False) for n in range(1, 7)]
    lines.insert(3, bad_line)
    return "\n".join(lines) + "\n"


def with_escaped(character, **fields):
    r"""An item's JSON line with ``character`` written as JSON's \uXXXX escape in each of ``fields``
    (a value, with X where the character goes)."""
    marker = "\u2603"  # replaced by the escape once the line is JSON
    line = json.dumps(item(9, **{key: value.replace("X", marker) for key, value in fields.items()}), ensure_ascii=False)
    return line.replace(marker, f"\\u{ord(character):04x}")


@pytest.fixture
def import_refused(db, run, database_counts):
    """Run import_articles --batch-size 2 on a file; it must be refused, naming ``line`` with
    ``message``, and write nothing (the search tables included). Returns the report."""

    def import_refused(path, line, message):
        before = database_counts()
        stderr = StringIO()
        with pytest.raises(CommandError, match=r"1 行有问题，没有导入任何稿件"):
            call_command("import_articles", str(path), "--batch-size", "2", stdout=StringIO(), stderr=stderr)
        assert f"{path}: 第 {line} 行：{message}" in stderr.getvalue()
        assert database_counts() == before
        return stderr.getvalue()

    return import_refused


UNSAFE = C0_CONTROLS + NON_CHARACTERS + LONE_SURROGATES


def described(character):
    if character in LONE_SURROGATES:
        return f"lone surrogate {code(character)} (half of a UTF-16 pair)"
    if character in NON_CHARACTERS:
        return f"non-character {code(character)}"
    return f"control character {code(character)}"


@pytest.mark.parametrize("character", UNSAFE, ids=code)
def test_import_articles_refuses_an_escaped_character_by_line(import_refused, write_file, client, run, character):
    path = write_file("archive.jsonl", archive_lines(with_escaped(character, body="正文X在这里。")))
    import_refused(path, 4, f"正文（body）的第 3 个字符是 {described(character)}，")

    # The operator may import the rest; then the feeds carry them.
    result = run("import_articles", path, "--batch-size", "2", "--skip-invalid")
    assert "新发布 6 篇稿件" in result.stdout
    assert len(assert_xml_outputs_parse(client)[reverse("stories:feed")]) == 6


@pytest.mark.parametrize(
    "fields, message",
    [
        ({"title": "标题X"}, "标题（title）的第 3 个字符是 control character U+000C，"),
        ({"category": "档X案"}, "专题或类别（topics、category）的第 2 个字符是 control character U+000C，"),
        ({"body": "X正文X"}, "正文（body）的第 1 个字符是 control character U+000C（另有 1 处）"),
    ],
    ids=["title", "category", "twice"],
)
def test_import_articles_checks_every_field(import_refused, write_file, fields, message):
    import_refused(write_file("archive.jsonl", archive_lines(with_escaped("\x0c", **fields))), 4, message)


def test_import_articles_checks_topics_and_byline_names(import_refused, write_file):
    line = json.dumps(item(9, topics=["助残"], bylines=[{"name": "王☃浩", "role": "记者"}]), ensure_ascii=False)
    path = write_file("archive.jsonl", archive_lines(line.replace("☃", "\\u001b")))
    import_refused(path, 4, "署名人名（bylines 的 name）的第 2 个字符是 control character U+001B，")
    line = json.dumps(item(9, topics=["助☃残"]), ensure_ascii=False)
    path = write_file("archive.jsonl", archive_lines(line.replace("☃", "\\ud800")))
    import_refused(path, 4, "专题或类别（topics、category）的第 2 个字符是 lone surrogate U+D800")


@pytest.mark.parametrize("character", C0_CONTROLS, ids=code)
def test_import_articles_refuses_a_raw_control_character_as_invalid_json(import_refused, write_file, character):
    """JSON has no room for a raw control character in a string (nor between values, but for
    tab, line feed and carriage return, which XML allows)."""
    line = json.dumps(item(9), ensure_ascii=False).replace("第9条正文", f"第9条{character}正文")
    import_refused(
        write_file("archive.jsonl", archive_lines(line)), 4, "不是有效的 JSON（第 30 列：Invalid control character at）"
    )


@pytest.mark.parametrize("character", NON_CHARACTERS, ids=code)
def test_import_articles_refuses_a_raw_non_character(import_refused, write_file, character):
    """JSON lets U+FFFE and U+FFFF stand raw in a string; XML does not."""
    line = json.dumps(item(9, body=f"正文{character}"), ensure_ascii=False)
    import_refused(
        write_file("archive.jsonl", archive_lines(line)),
        4,
        f"正文（body）的第 3 个字符是 non-character {code(character)}",
    )


def test_import_articles_refuses_oversized_fields_by_line(import_refused, write_file):
    body = "很长的正文。" * (BODY_MAX_LENGTH // 6) + "超" * (BODY_MAX_LENGTH % 6 + 1)
    line = json.dumps(item(9, body=body), ensure_ascii=False)
    import_refused(
        write_file("archive.jsonl", archive_lines(line)),
        4,
        f"正文（body）有 {BODY_MAX_LENGTH + 1:,} 个字，最多 {BODY_MAX_LENGTH:,} 个",
    )
    line = json.dumps(item(9, title="长" * (TITLE_MAX_LENGTH + 1)), ensure_ascii=False)
    import_refused(write_file("archive.jsonl", archive_lines(line)), 4, f"标题（title）有 {TITLE_MAX_LENGTH + 1} 个字")


def test_import_articles_refuses_a_broken_json_line(import_refused, write_file):
    import_refused(
        write_file("archive.jsonl", archive_lines('{"title": "半行", "body": ')),
        4,
        "不是有效的 JSON（第 25 列：Expecting value）",
    )


def test_import_articles_refuses_a_date_before_1900(import_refused, write_file):
    line = json.dumps(item(9, date="0001-01-01"), ensure_ascii=False)
    import_refused(write_file("archive.jsonl", archive_lines(line)), 4, "日期 0001-01-01 早于 1900-01-01")


# -- one transaction ---------------------------------------------------------------------------

REFUSE_FIFTH = {
    # A real refusal by the database, as a constraint or a full disk would give one: the fifth
    # item's page row, in the third batch of two, after two batches went in.
    "sqlite": [
        """CREATE TRIGGER refuse_fifth BEFORE INSERT ON wagtailcore_page WHEN NEW.title = '第5条'
           BEGIN SELECT RAISE(ABORT, 'refused by the test trigger'); END""",
    ],
    "postgresql": [
        """CREATE FUNCTION refuse_fifth() RETURNS trigger LANGUAGE plpgsql AS $$
           BEGIN
             IF NEW.title = '第5条' THEN RAISE EXCEPTION 'refused by the test trigger'; END IF;
             RETURN NEW;
           END $$""",
        """CREATE TRIGGER refuse_fifth BEFORE INSERT ON wagtailcore_page
           FOR EACH ROW EXECUTE FUNCTION refuse_fifth()""",
    ],
}
DROP_REFUSE_FIFTH = {
    "sqlite": ["DROP TRIGGER refuse_fifth"],
    "postgresql": ["DROP TRIGGER refuse_fifth ON wagtailcore_page", "DROP FUNCTION refuse_fifth()"],
}


@contextmanager
def database_refusing_the_fifth_item():
    def execute(statements):
        with connection.cursor() as cursor:
            for statement in statements:
                cursor.execute(statement)

    execute(REFUSE_FIFTH[connection.vendor])
    try:
        yield
    finally:
        execute(DROP_REFUSE_FIFTH[connection.vendor])


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_database_error_in_a_later_batch_leaves_nothing(run, write_file, client):
    """Real commits: no test transaction around the import, so a batch committed on its own would stay."""
    path = write_file("archive.jsonl", "".join(json.dumps(item(n), ensure_ascii=False) + "\n" for n in range(1, 7)))
    before = row_counts()

    with database_refusing_the_fifth_item():
        with pytest.raises(
            CommandError,
            match=r"第 5–6 行：数据库拒绝写入（.*refused by the test trigger.*）；没有导入任何稿件",
        ):
            run("import_articles", path, "--batch-size", "2")
        assert row_counts() == before
        assert_xml_outputs_parse(client)

    result = run("import_articles", path, "--batch-size", "2")
    assert "新发布 6 篇稿件，0 篇以前已导入" in result.stdout
