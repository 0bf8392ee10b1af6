"""People, topics and editions are found by any part of a Chinese name, in the choosers a story's
form opens and in their listings, as a reporter and an editor use them."""

import datetime

import pytest
from django.urls import reverse

from tests.newsroom import Newsroom, client_for

pytestmark = pytest.mark.django_db


@pytest.fixture
def records():
    newsroom = Newsroom()
    newsroom.person("王明玥", unit="本报")
    newsroom.person("崔惠霞", unit="新安路街道")
    newsroom.topic("助残")
    newsroom.topic("城管")
    newsroom.edition(7, title="上街新闻第七期")
    newsroom.edition(8, date=datetime.date(2023, 12, 5), title="元旦特刊")


# (chooser or listing namespace, what is typed, what must be found, what must not)
SEARCHES = [
    ("people_person", "明玥", "王明玥", "崔惠霞"),
    ("people_person", "惠", "崔惠霞", "王明玥"),
    ("people_person", "新安路", "崔惠霞", "王明玥"),  # by unit too, as the listing does
    ("topics_topic", "残", "助残", "城管"),
    ("editions_edition", "特刊", "元旦特刊", "上街新闻第七期"),
]


@pytest.mark.parametrize("role", ["reporter", "editor"])
@pytest.mark.parametrize("namespace, typed, found, not_found", SEARCHES)
def test_the_chooser_finds_a_record_by_part_of_its_name(role, namespace, typed, found, not_found, request, records):
    client = client_for(request.getfixturevalue(role))

    # The modal as it opens with a search, and its results as the editor types.
    for view in ("choose", "choose_results"):
        response = client.get(reverse(f"wagtailsnippetchoosers_{namespace}:{view}"), {"q": typed})
        assert response.status_code == 200
        html = response.json()["html"] if view == "choose" else response.content.decode()
        assert found in html and not_found not in html


def test_the_chooser_lists_everyone_before_a_search(editor, records):
    html = client_for(editor).get(reverse("wagtailsnippetchoosers_people_person:choose")).json()["html"]
    assert "王明玥" in html and "崔惠霞" in html
    assert "输入名称的任意部分" in html  # the search box says what it matches


@pytest.mark.parametrize("namespace, typed, found, not_found", SEARCHES)
def test_the_listing_finds_a_record_by_part_of_its_name(namespace, typed, found, not_found, chief, records):
    # The chief editor keeps these records (reporters and editors may only look them up).
    html = client_for(chief).get(reverse(f"wagtailsnippets_{namespace}:list"), {"q": typed}).content.decode()
    assert found in html and not_found not in html
