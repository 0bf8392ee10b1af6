"""The 稿件统计 report in the admin, as editors use it: the table, the chart, the downloads."""

import csv
import datetime
import io
import json
import re

import openpyxl
import pytest
from bs4 import BeautifulSoup
from django.urls import reverse
from django.utils import timezone

from bulletin.workflow import roles
from tests.newsroom import Newsroom, client_for, make_user
from tests.workflow.admin_forms import is_refused

from .conftest import EXPECTED

MARCH = {"date_from": "2024-03-01", "date_to": "2024-03-31"}
ROLES = ["记者", "通讯员", "摄影", "实习生"]


def report_url():
    return reverse("contributions:report")


def table_rows(response, where="#listing-results table"):
    table = BeautifulSoup(response.content.decode(), "html.parser").select_one(where)
    return [[cell.get_text(" ", strip=True) for cell in row.find_all(["th", "td"])] for row in table.find_all("tr")]


def roles_text(roles):
    return "、".join(f"{role} {count}" for role, count in roles.items())


@pytest.mark.parametrize("by, heading", [("person", "人员"), ("unit", "单位"), ("role", "角色")])
def test_editor_sees_the_table(march, editor_client, by, heading):
    response = editor_client.get(report_url(), {**MARCH, "by": by})
    assert response.status_code == 200
    assert table_rows(response) == [
        [heading, "稿件数", "字数", "署名角色"],
        *([key, str(stories), str(characters), roles_text(roles)] for key, stories, characters, roles in EXPECTED[by]),
    ]


def test_the_chart_draws_a_bar_per_row_scaled_to_the_most_stories(march, editor_client):
    page = BeautifulSoup(editor_client.get(report_url(), {**MARCH, "by": "unit"}).content.decode(), "html.parser")
    chart = page.select_one("svg.contribution-chart")
    labels = [text.get_text() for text in chart.find_all("text")]
    widths = [float(rect["width"].rstrip("%")) for rect in chart.find_all("rect")]
    assert labels[::2] == [key for key, *__ in EXPECTED["unit"]]
    assert labels[1::2] == [str(stories) for __, stories, *__ in EXPECTED["unit"]]
    # 3, 2, 1, 1 stories: the longest bar is the widest the chart draws (70%), the rest in proportion.
    assert widths == pytest.approx([70, 70 * 2 / 3, 70 / 3, 70 / 3], abs=0.01)
    # Under a strict Content-Security-Policy: no inline style or script in the report.
    results = str(page.select_one("#listing-results"))
    assert "style=" not in results and "<script" not in results


@pytest.mark.parametrize("by", ["person", "unit", "role"])
def test_csv_download(march, editor_client, by):
    response = editor_client.get(report_url(), {**MARCH, "by": by, "export": "csv"})
    assert response.status_code == 200 and response["Content-Type"].startswith("text/csv")
    assert f'filename="contributions-{by}-2024-03-01-2024-03-31.csv"' in response["Content-Disposition"]
    rows = list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode())))
    assert rows[0] == [{"person": "人员", "unit": "单位", "role": "角色"}[by], "稿件数", "字数", *ROLES]
    assert rows[1:] == [
        [key, str(stories), str(characters), *(str(roles.get(role, 0)) for role in ROLES)]
        for key, stories, characters, roles in EXPECTED[by]
    ]


FORMULA = '=HYPERLINK("http://evil.example/","点我")'


@pytest.mark.parametrize("by, key", [("person", FORMULA), ("unit", "@SUM(1+1)")])
def test_a_name_that_looks_like_a_formula_downloads_as_text(db, editor_client, by, key):
    person = Newsroom().person(FORMULA, "@SUM(1+1)")
    Newsroom().article("公式", "正文。", date=datetime.date(2024, 3, 5), bylines=[(person, "记者")])

    response = editor_client.get(report_url(), {**MARCH, "by": by, "export": "csv"})

    rows = list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode())))
    # The apostrophe makes Excel and WPS show the cell as text; numbers stay numbers.
    assert rows[1] == [f"'{key}", "1", "3", "1", "0", "0", "0"]
    assert table_rows(editor_client.get(report_url(), {**MARCH, "by": by}))[1][0] == key


def test_xlsx_download_holds_numbers(march, editor_client):
    response = editor_client.get(report_url(), {**MARCH, "by": "person", "export": "xlsx"})
    assert response.status_code == 200
    assert response["Content-Type"] == "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    sheet = openpyxl.load_workbook(io.BytesIO(b"".join(response.streaming_content))).active
    assert [list(row) for row in sheet.iter_rows(values_only=True)] == [
        ["人员", "稿件数", "字数", *ROLES],
        *(
            [key, stories, characters, *(roles.get(role, 0) for role in ROLES)]
            for key, stories, characters, roles in EXPECTED["person"]
        ),
    ]


def test_first_visit_counts_this_month(editor_client):
    newsroom = Newsroom()
    today = timezone.localdate()  # the newsroom's day, as the report takes it
    newsroom.brief("今天", "今天的简讯", date=today, bylines=[(newsroom.person("崔惠霞", "新安路街道"), "通讯员")])
    newsroom.brief(
        "上个月",
        "上个月的简讯",
        date=today.replace(day=1) - datetime.timedelta(days=1),
        bylines=[(newsroom.person("冀市里", "新安路街道"), "通讯员")],
    )
    response = editor_client.get(report_url())
    assert table_rows(response)[1:] == [["崔惠霞", "1", "5", "通讯员 1"]]
    form = BeautifulSoup(response.content.decode(), "html.parser")
    assert form.select_one("input[name=date_from]")["value"] == today.replace(day=1).isoformat()


def test_clearing_the_dates_counts_every_story(march, editor_client):
    rows = table_rows(editor_client.get(report_url(), {"date_from": "", "date_to": "", "by": "person"}))
    # February's and April's stories now count too.
    assert rows[1][:2] == ["冯佳雯", "4"] and ["崔惠霞", "3"] == rows[2][:2]


def test_a_bad_date_shows_the_form_not_an_error(march, editor_client):
    response = editor_client.get(report_url(), {"date_from": "2024-02-30", "date_to": "2024-03-31", "by": "person"})
    assert response.status_code == 200
    assert "所选日期内没有署名的已发布稿件" in response.content.decode()
    assert editor_client.get(report_url(), {**MARCH, "by": "desk"}).status_code == 200


def test_the_results_fragment_follows_the_filters(march, editor_client):
    response = editor_client.get(reverse("contributions:report_results"), {**MARCH, "by": "role"})
    assert response.status_code == 200
    # Only what goes inside #listing-results when the filters change.
    assert table_rows(response, "table")[1][0] == "记者"


def sidebar_menu(client):
    page = client.get(reverse("wagtailadmin_home")).content.decode()
    props = re.search(r'<script id="wagtail-sidebar-props" type="application/json">(.*?)</script>', page, re.S)
    return json.dumps(json.loads(props.group(1)), ensure_ascii=False)


def test_editors_and_the_chief_editor_find_it_under_reports(db, django_user_model):
    for name, group in (("editor", roles.EDITORS), ("chief", roles.CHIEF_EDITORS)):
        client = client_for(make_user(name, group))
        assert '"label": "稿件统计"' in sidebar_menu(client)
        assert client.get(report_url(), MARCH).status_code == 200


def test_superuser_may_see_it(db, django_user_model):
    admin = django_user_model.objects.create_superuser("admin", "admin@example.com", "pw")
    assert client_for(admin).get(report_url(), MARCH).status_code == 200


def test_reporters_may_not(march, django_user_model):
    reporter = client_for(make_user("reporter", roles.REPORTERS))
    assert '"label": "稿件统计"' not in sidebar_menu(reporter)
    for params in (MARCH, {**MARCH, "export": "csv"}, {**MARCH, "export": "xlsx"}):
        response = reporter.get(report_url(), params)
        assert is_refused(response)
        assert "冯佳雯" not in getattr(response, "content", b"").decode()
    assert is_refused(reporter.get(reverse("contributions:report_results"), MARCH))


def test_anonymous_visitors_are_sent_to_log_in(client, db):
    response = client.get(report_url(), MARCH)
    assert response.status_code == 302 and response["Location"].startswith(reverse("wagtailadmin_login"))


def test_the_chart_shows_the_first_twenty_and_the_table_everyone(editor_client):
    newsroom = Newsroom(story_date=datetime.date(2024, 3, 9))
    for number in range(25):
        # One story each, person n's n + 1 characters long: person 24 comes first.
        person = newsroom.person(f"通讯员{number:02d}", "新安路街道")
        newsroom.brief(f"简讯{number}", "字" * (number + 1), bylines=[(person, "通讯员")])
    page = BeautifulSoup(editor_client.get(report_url(), {**MARCH, "by": "person"}).content.decode(), "html.parser")
    chart = page.select_one("svg.contribution-chart")
    assert [text.get_text() for text in chart.find_all("text")][::2] == [f"通讯员{n:02d}" for n in range(24, 4, -1)]
    assert len(page.select("#listing-results table tbody tr")) == 25
