"""Elasticsearch counts the year, month and edition facets as keywords (search.engines.elastic):
readers still get them in the order of the numbers, not of the strings, through /api/search/."""

import datetime

import pytest

pytestmark = pytest.mark.parametrize("engine", ["elasticsearch"], indirect=True)


def values(client, name, **params):
    response = client.get("/api/search/", {"q": "排序检查", **params})
    assert response.status_code == 200
    assert response["X-Search-Engine"] == "elasticsearch"
    return [(entry["value"], entry["count"]) for entry in response.json()["facets"][name]]


@pytest.fixture
def numbered(newsroom):
    # 9, 10 and 100 sort the other way round as strings ("9" > "100" > "10").
    for number, day in (
        (9, datetime.date(2023, 2, 9)),
        (10, datetime.date(2023, 11, 10)),
        (100, datetime.date(2024, 3, 1)),
    ):
        edition = newsroom.edition(number, day)
        newsroom.article(f"排序检查{number}", "正文。", date=day, edition=edition)


def test_editions_come_newest_first_by_number(client, numbered):
    assert values(client, "edition") == [("100", 1), ("10", 1), ("9", 1)]


def test_months_come_in_calendar_order_and_years_newest_first(client, numbered):
    assert values(client, "month") == [("2", 1), ("3", 1), ("11", 1)]
    assert values(client, "year") == [("2024", 1), ("2023", 2)]


def test_a_chosen_edition_narrows_the_hits_and_keeps_the_other_editions(client, numbered):
    response = client.get("/api/search/", {"q": "排序检查", "edition": "10"})
    body = response.json()
    assert [hit["title"] for hit in body["results"]] == ["排序检查10"]
    assert values(client, "edition", edition="10") == [("100", 1), ("10", 1), ("9", 1)]
    assert values(client, "year", edition="10") == [("2023", 1)]
