"""单位 on a person: chosen from the units people have in the snippet listing, edited in the form."""

import pytest
from bs4 import BeautifulSoup
from django.urls import reverse

from bulletin.people.models import Person
from tests.newsroom import Newsroom

LISTING = "wagtailsnippets_people_person:list"


@pytest.fixture
def people(db):
    newsroom = Newsroom()
    return [
        newsroom.person("王明玥", "区融媒体中心"),
        newsroom.person("崔惠霞", "新安路街道"),
        newsroom.person("冀市里", "新安路街道"),
        newsroom.person("张小楠"),
    ]


def listed_names(response):
    page = BeautifulSoup(response.content.decode(), "html.parser")
    return sorted(row.select_one("td.title a").get_text(strip=True) for row in page.select("#listing-results tbody tr"))


def test_unit_filter_offers_the_units_people_have(people, chief_client):
    page = BeautifulSoup(chief_client.get(reverse(LISTING)).content.decode(), "html.parser")
    options = [option.get_text(strip=True) for option in page.select("select[name=unit] option")]
    assert options == ["全部单位", "区融媒体中心", "新安路街道"]


def test_unit_filter_lists_that_units_people(people, chief_client):
    assert listed_names(chief_client.get(reverse(LISTING), {"unit": "新安路街道"})) == ["冀市里", "崔惠霞"]
    assert listed_names(chief_client.get(reverse(LISTING))) == ["冀市里", "崔惠霞", "张小楠", "王明玥"]
    # A unit nobody has (typed into the address) is refused by the form, not a server error.
    assert chief_client.get(reverse(LISTING), {"unit": "不存在的单位"}).status_code == 200


def test_chief_editor_sets_a_unit_in_the_form(people, chief_client):
    zhang = people[3]
    url = reverse("wagtailsnippets_people_person:edit", args=[zhang.pk])
    form = BeautifulSoup(chief_client.get(url).content.decode(), "html.parser")
    assert form.select_one("input[name=unit]") is not None
    response = chief_client.post(url, {"name": "张小楠", "unit": "区残联", "slug": zhang.slug, "bio": ""})
    assert response.status_code == 302
    assert Person.objects.get(pk=zhang.pk).unit == "区残联"
    assert listed_names(chief_client.get(reverse(LISTING), {"unit": "区残联"})) == ["张小楠"]
