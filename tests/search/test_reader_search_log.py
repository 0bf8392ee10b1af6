"""Reader search keeps count of what it answers: through /api/search/ and the search page, cached
or not, and never at the cost of the results."""

import datetime

import pytest
from django.db import connection
from django.utils import timezone

from search.models import ReaderSearch

API, PAGE = "/api/search/", "/search/"


def counted():
    return sorted(ReaderSearch.objects.values_list("query", "filters", "searches", "results"))


@pytest.mark.parametrize("url", [API, PAGE])
def test_each_search_is_counted_by_query_filters_and_day(client, embedded_newsroom, url):
    embedded_newsroom.brief("城管早餐", "城管局送早餐。", topics=["城管"])
    embedded_newsroom.brief("城管执法", "城管执法。")
    assert client.get(url, {"q": "城管"}).status_code == 200
    assert client.get(url, {"q": " 城管 "}).status_code == 200  # the same query, as typed with spaces
    assert client.get(url, {"q": "城管", "topic": "城管", "kind": "brief"}).status_code == 200
    assert client.get(url, {"q": "无人机"}).status_code == 200
    assert counted() == [
        ("城管", "", 2, 2),
        ("城管", "topic=城管&kind=brief", 1, 1),
        ("无人机", "", 1, 0),
    ]
    assert set(ReaderSearch.objects.values_list("day", flat=True)) == {timezone.localdate()}


def test_turning_pages_or_the_order_is_the_same_search(client, embedded_newsroom):
    for number in range(3):
        embedded_newsroom.brief(f"城管{number}", "城管。")
    client.get(API, {"q": "城管", "page_size": 2})
    client.get(API, {"q": "城管", "page_size": 2, "page": 2})
    client.get(PAGE, {"q": "城管", "sort": "date", "page": 2, "page_size": 2})
    assert counted() == [("城管", "", 1, 3)]


def test_refused_searches_are_not_counted(client, embedded_newsroom):
    assert client.get(API, {"q": "城" * 101}).status_code == 400
    assert client.get(API, {"q": "城管", "topic": "没有这个专题"}).status_code == 400
    assert client.get(PAGE, {"q": '""'}).status_code == 400
    assert client.get(PAGE).status_code == 200  # the empty search page: no query asked
    assert counted() == []


def test_a_new_day_starts_new_counts(client, embedded_newsroom):
    ReaderSearch.objects.create(day=timezone.localdate() - datetime.timedelta(days=1), query="城管", results=0)
    client.get(API, {"q": "城管"})
    assert sorted(ReaderSearch.objects.values_list("day", "searches")) == [
        (timezone.localdate() - datetime.timedelta(days=1), 1),
        (timezone.localdate(), 1),
    ]


@pytest.mark.parametrize("url", [API, PAGE])
def test_searches_the_page_cache_answers_are_counted_too(client, embedded_newsroom, settings, url):
    settings.PAGE_CACHE_TIMEOUT = 600  # as in production
    embedded_newsroom.brief("城管早餐", "城管局送早餐。")
    first = client.get(url, {"q": "城管"})
    second = client.get(url, {"q": "城管", "utm_source": "x"})  # a parameter search does not read
    third = client.get(url, {"q": "城管", "page": 2, "page_size": 1})
    again = client.get(url, {"q": "城管", "page": 2, "page_size": 1})
    assert [r["X-Page-Cache"] for r in (first, second, third, again)] == ["miss", "hit", "miss", "hit"]
    assert second["X-Search-Count"] == "1"
    assert counted() == [("城管", "", 2, 1)]


def test_search_answers_when_the_count_cannot_be_written(client, embedded_newsroom, caplog):
    embedded_newsroom.brief("城管早餐", "城管局送早餐。")
    table = ReaderSearch._meta.db_table
    with connection.cursor() as cursor:
        # Gone for this test's transaction (rolled back after it): every write to it fails.
        cursor.execute(f"ALTER TABLE {table} RENAME TO {table}_away")
    response = client.get(API, {"q": "城管"})
    assert response.status_code == 200 and response.json()["count"] == 1
    assert client.get(PAGE, {"q": "城管"}).status_code == 200
    assert "could not count a reader's search" in caplog.text
    with connection.cursor() as cursor:
        cursor.execute(f"ALTER TABLE {table}_away RENAME TO {table}")
    assert counted() == []


def test_nothing_about_the_reader_is_kept():
    # What a row holds: no user, no address, no time of day, no session.
    assert {field.name for field in ReaderSearch._meta.get_fields()} == {
        "id",
        "day",
        "query",
        "filters",
        "searches",
        "results",
    }
