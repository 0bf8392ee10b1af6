"""manage.py contribution_report: the numbers for March, as JSON and CSV, and refusals."""

import csv
import datetime
import io
import json
import os
import subprocess
import sys

import pytest
from django.core.management import CommandError, call_command
from wagtail.rich_text import RichText

from bulletin.contributions.counting import contribution_rows
from bulletin.contributions.models import StoryCharacters
from bulletin.stories.models import StoryPage
from bulletin.stories.visibility import current_restricted_paths
from tests.conftest import PROJECT_DIR
from tests.newsroom import Newsroom

from .conftest import EXPECTED, C

pytestmark = pytest.mark.django_db


def report(*args):
    out = io.StringIO()
    call_command("contribution_report", *args, stdout=out)
    return out.getvalue()


@pytest.mark.parametrize("by", ["person", "unit", "role"])
def test_json_counts_published_stories_in_the_range(march, by):
    data = json.loads(report("--from", "2024-03-01", "--to", "2024-03-31", "--by", by))
    assert data == {
        "from": "2024-03-01",
        "to": "2024-03-31",
        "by": by,
        "rows": [
            {"key": key, "stories": stories, "characters": characters, "roles": roles}
            for key, stories, characters, roles in EXPECTED[by]
        ],
    }
    # Role order is the byline order (通讯员 before 摄影), not the order they were counted in.
    assert all(list(row["roles"]) == list(expected[3]) for row, expected in zip(data["rows"], EXPECTED[by]))


def test_csv_writes_a_name_that_looks_like_a_formula_as_text():
    person = Newsroom().person("=cmd|' /C calc'!A0")
    Newsroom().article("公式", "正文。", date=datetime.date(2024, 3, 5), bylines=[(person, "记者")])
    rows = list(
        csv.reader(
            io.StringIO(report("--from", "2024-03-01", "--to", "2024-03-31", "--by", "person", "--format", "csv"))
        )
    )
    assert rows[1] == ["'=cmd|' /C calc'!A0", "1", "3", "1", "0", "0", "0"]


@pytest.mark.parametrize("by", ["person", "unit", "role"])
def test_csv_has_one_column_per_role(march, by):
    rows = list(
        csv.reader(io.StringIO(report("--from", "2024-03-01", "--to", "2024-03-31", "--by", by, "--format", "csv")))
    )
    assert rows[0] == ["key", "stories", "characters", "记者", "通讯员", "摄影", "实习生"]
    assert rows[1:] == [
        [
            key,
            str(stories),
            str(characters),
            *(str(roles.get(role, 0)) for role in ("记者", "通讯员", "摄影", "实习生")),
        ]
        for key, stories, characters, roles in EXPECTED[by]
    ]


def test_a_single_day_range_and_an_empty_one(march):
    data = json.loads(report("--from", "2024-03-31", "--to", "2024-03-31", "--by", "person"))
    assert [(row["key"], row["stories"]) for row in data["rows"]] == [("冯佳雯", 1), ("张小楠", 1)]
    assert json.loads(report("--from", "2025-01-01", "--to", "2025-12-31", "--by", "unit"))["rows"] == []


def test_people_with_the_same_name_are_told_apart_by_unit(march):
    from bulletin.people.models import Person

    march.article(
        "两个王浩",
        "正文",
        date=datetime.date(2024, 3, 7),
        bylines=[
            (Person.objects.create(name="王浩", unit="区消防救援大队"), "记者"),
            (Person.objects.create(name="王浩"), "通讯员"),
        ],
    )
    keys = [
        row["key"] for row in json.loads(report("--from", "2024-03-01", "--to", "2024-03-31", "--by", "person"))["rows"]
    ]
    assert "王浩（区消防救援大队）" in keys and "王浩（未填写单位）" in keys and "冯佳雯" in keys


def test_counting_reads_a_few_queries_however_many_stories(march, django_assert_max_num_queries):
    for day in range(1, 29):
        march.brief(f"更多{day}", "更多的简讯", date=datetime.date(2024, 3, day), bylines=[("冯佳雯", "记者")])
    # The view restrictions are read once per page-cache generation, for every list (warm here).
    # Then the bylines, the characters already counted, and one query per story
    # type for the bodies not counted yet; then one write.
    current_restricted_paths()
    with django_assert_max_num_queries(6):
        rows = contribution_rows(datetime.date(2024, 3, 1), datetime.date(2024, 3, 31), "person")
    assert rows[0].key == "冯佳雯" and rows[0].stories == 3 + 28
    assert StoryCharacters.objects.count() == 4 + 28
    # Counted once: the next report reads the numbers, and writes nothing.
    with django_assert_max_num_queries(5):
        assert contribution_rows(datetime.date(2024, 3, 1), datetime.date(2024, 3, 31), "person") == rows


def test_a_story_published_again_is_counted_as_it_now_reads(march):
    def feng():
        data = json.loads(report("--from", "2024-03-01", "--to", "2024-03-31", "--by", "person"))
        return next(row for row in data["rows"] if row["key"] == "冯佳雯")

    before = feng()["characters"]
    story = StoryPage.objects.get(title="小广告").specific
    story.body = [("paragraph", RichText("<p>区城管局 清理小广告，还路面整洁。</p>"))]
    story.save_revision().publish()
    assert feng()["characters"] == before - C + len("区城管局清理小广告，还路面整洁。")
    # A draft of a new body changes nothing until it is published.
    story.body = [("paragraph", RichText("<p>草稿</p>"))]
    story.save_revision()
    assert feng()["characters"] == before - C + len("区城管局清理小广告，还路面整洁。")


@pytest.mark.parametrize(
    "args, message",
    [
        (
            ["--from", "2024-13-01", "--to", "2024-03-31", "--by", "person"],
            "--from: '2024-13-01' 不是有效的日期（格式为 YYYY-MM-DD）",
        ),
        (
            ["--from", "2024-03-01", "--to", "31.3.2024", "--by", "person"],
            "--to: '31.3.2024' 不是有效的日期（格式为 YYYY-MM-DD）",
        ),
        (["--from", "2024-03-01", "--to", "2024-03-31", "--by", "desk"], "--by: invalid choice: 'desk'"),
        (
            ["--from", "2024-03-01", "--to", "2024-03-31", "--by", "unit", "--format", "xml"],
            "--format: invalid choice: 'xml'",
        ),
        (["--from", "2024-04-01", "--to", "2024-03-01", "--by", "unit"], "--from 2024-04-01 is after --to 2024-03-01"),
        (["--to", "2024-03-01", "--by", "unit"], "the following arguments are required: --from"),
    ],
)
def test_bad_options_are_refused_with_a_message(args, message):
    with pytest.raises(CommandError, match=message.replace("(", r"\(").replace(")", r"\)")):
        report(*args)


def test_format_passed_from_code_is_checked_too():
    with pytest.raises(CommandError, match="--format: 'xml' is not one of json, csv"):
        call_command("contribution_report", start="2024-03-01", end="2024-03-31", by="unit", format="xml")


def test_the_command_line_exits_non_zero_on_a_bad_date():
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "bulletin.settings.test"}
    result = subprocess.run(
        [
            sys.executable,
            "manage.py",
            "contribution_report",
            "--from",
            "2024-02-30",
            "--to",
            "2024-03-31",
            "--by",
            "role",
        ],
        cwd=PROJECT_DIR,
        env=env,
        capture_output=True,
        text=True,
    )
    assert result.returncode != 0
    assert "--from: '2024-02-30' 不是有效的日期（格式为 YYYY-MM-DD）" in result.stderr
    assert result.stdout == ""
