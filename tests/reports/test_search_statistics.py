"""搜索统计 and the dashboard's panel of searches that found nothing, as editors use them (the
panel's one click to a synonym: tests/search/test_zero_result_synonym.py)."""

import csv
import datetime
import io

import pytest
from bs4 import BeautifulSoup
from django.urls import reverse
from django.utils import timezone

from bulletin.workflow import roles
from search.models import ReaderSearch
from tests.newsroom import client_for, make_user
from tests.workflow.admin_forms import is_refused

TODAY = timezone.localdate()


def days_ago(n):
    return TODAY - datetime.timedelta(days=n)


@pytest.fixture
def searches(db):
    """A week and more of counted searches, as search.querylog leaves them."""
    rows = [
        # day, query, filters, searches, results
        (days_ago(0), "城管", "", 5, 3),
        (days_ago(1), "城管", "", 4, 3),
        (days_ago(0), "城管", "kind=brief", 2, 0),
        (days_ago(2), "无障碍", "", 3, 0),
        (days_ago(6), "无障碍", "", 1, 0),
        (days_ago(1), "轮椅", "", 2, 0),
        (days_ago(3), "停车", "", 6, 0),
        (days_ago(0), "停车", "", 1, 4),  # found something since: answered
        (days_ago(10), "旧事", "", 9, 0),  # before the panel's week
    ]
    for day, query, filters, count, results in rows:
        ReaderSearch.objects.create(day=day, query=query, filters=filters, searches=count, results=results)


@pytest.fixture
def editor(db, django_user_model):
    return client_for(make_user("editor", roles.EDITORS))


@pytest.fixture
def chief(db, django_user_model):
    return client_for(make_user("chief", roles.CHIEF_EDITORS))


def table_rows(response, where="#listing-results table"):
    table = BeautifulSoup(response.content.decode(), "html.parser").select_one(where)
    return [[cell.get_text(" ", strip=True) for cell in row.find_all(["th", "td"])] for row in table.find_all("tr")]


def report(client, **params):
    dates = {"day_from": days_ago(29), "day_to": TODAY}
    return client.get(reverse("search_statistics:report"), {**dates, **params})


def test_the_report_lists_the_most_frequent_queries(searches, editor):
    response = report(editor)
    assert response.status_code == 200
    rows = table_rows(response)
    assert rows[0] == ["搜索词", "筛选条件", "搜索次数", "没有结果的次数", "最近一次"]
    assert [row[:4] for row in rows[1:]] == [
        ["城管", "", "9", "0"],
        ["旧事", "", "9", "9"],
        ["停车", "", "7", "6"],
        ["无障碍", "", "4", "4"],
        ["城管", "kind=brief", "2", "2"],
        ["轮椅", "", "2", "2"],
    ]


def test_the_report_narrows_to_dates_and_to_searches_that_found_nothing(searches, editor):
    rows = table_rows(report(editor, day_from=days_ago(1), unanswered="true"))
    assert [row[:4] for row in rows[1:]] == [["城管", "kind=brief", "2", "2"], ["轮椅", "", "2", "2"]]


def test_the_report_downloads_as_csv(searches, editor):
    response = report(editor, unanswered="true", export="csv")
    assert response.status_code == 200 and response["Content-Type"].startswith("text/csv")
    assert 'filename="search-statistics.csv"' in response["Content-Disposition"]
    rows = list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode())))
    assert rows[0] == ["搜索词", "筛选条件", "搜索次数", "没有结果的次数", "最近一次"]
    assert rows[1] == ["旧事", "", "9", "9", days_ago(10).isoformat()]
    assert len(rows) == 6


def test_a_query_that_looks_like_a_formula_downloads_as_text(db, client, editor, settings):
    settings.ELASTICSEARCH_URL = ""  # the built-in engine answers the reader
    typed = ['=HYPERLINK("http://evil.example/","点我")', "+1+1", "-2+3", "@SUM(1,2)", "城管"]
    for query in typed:
        assert client.get("/search/", {"q": query}).status_code == 200

    response = report(editor, export="csv")

    rows = list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode())))
    queries = sorted(row[0] for row in rows[1:])
    assert queries == sorted([*(f"'{query}" for query in typed[:4]), "城管"])
    assert all(row[2:4] == ["1", "1"] for row in rows[1:])  # the counts stay numbers


def test_reporters_do_not_see_what_readers_search(searches, django_user_model):
    reporter = client_for(make_user("reporter", roles.REPORTERS))
    assert is_refused(reporter.get(reverse("search_statistics:report")))
    home = reporter.get(reverse("wagtailadmin_home")).content.decode()
    assert "unanswered-searches" not in home and "搜索统计" not in home


def test_the_dashboard_lists_this_weeks_searches_that_found_nothing(searches, editor):
    response = editor.get(reverse("wagtailadmin_home"))
    assert response.status_code == 200
    rows = table_rows(response, "#unanswered-searches-section table")
    # Plain searches of the last 7 days that found nothing, most frequent first; 停车 found
    # something since, 旧事 is older, the filtered 城管 search is about its filter.
    assert [row[:2] for row in rows[1:]] == [["无障碍", "4"], ["轮椅", "2"]]
    # Editors may read the numbers; adding a synonym is the chief editor's (workflow roles).
    assert "添加同义词" not in response.content.decode()
