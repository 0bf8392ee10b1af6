"""A sitemap page costs the same few queries however large the archive, and reads two columns."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

pytestmark = pytest.mark.django_db

PAGE_SIZE = 2


@pytest.fixture(autouse=True)
def small_pages(settings):
    settings.SITEMAP_PAGE_SIZE = PAGE_SIZE


def add_stories(newsroom, year, count):
    for day in range(1, count + 1):
        newsroom.article(f"{year}年的第{day}篇稿件", date=datetime.date(year, 3, day), topics=["民生"])


def queries_for(client, url):
    # Counted on a second request: the first after a publish also reads what every page needs
    # once per page-cache generation (the view restrictions, the site's identity).
    client.get(url)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200, url
    return [query["sql"] for query in queries.captured_queries]


def test_a_story_page_and_the_index_cost_the_same_in_a_bigger_archive(client, newsroom):
    add_stories(newsroom, 2022, 5)
    small_page = queries_for(client, "/sitemap-stories-2022.xml?p=2")
    small_index = queries_for(client, "/sitemap.xml")

    for year in (2019, 2020, 2021, 2022, 2023):
        add_stories(newsroom, year, 7)
    assert len(queries_for(client, "/sitemap-stories-2022.xml?p=2")) == len(small_page)
    assert len(queries_for(client, "/sitemap-stories-2022.xml?p=6")) == len(small_page)
    assert len(queries_for(client, "/sitemap.xml")) == len(small_index)


def test_a_story_page_reads_urls_and_dates_of_one_year_only(client, newsroom):
    add_stories(newsroom, 2022, 3)
    add_stories(newsroom, 2023, 3)
    [listing] = [
        sql for sql in queries_for(client, "/sitemap-stories-2022.xml") if "ORDER BY" in sql and "url_path" in sql
    ]
    selected = listing.split(" FROM ")[0]
    assert "url_path" in selected and "last_published_at" in selected
    assert "title" not in selected and "body" not in selected and "search_description" not in selected
    assert "2022-01-01" in listing and "2022-12-31" in listing  # the year, through the date index
