"""The dashboard's one click from a search that found nothing to a synonym, and the same search
finding the stories then, on either engine."""

import pytest
from bs4 import BeautifulSoup
from django.urls import reverse
from django.utils import timezone

from bulletin.workflow import roles
from search.models import ReaderSearch, Synonym
from tests.newsroom import client_for, make_user


@pytest.fixture
def chief(db, django_user_model):
    return client_for(make_user("chief", roles.CHIEF_EDITORS))


def test_one_click_from_the_dashboard_to_a_synonym_that_finds_the_stories(chief, client, newsroom):
    newsroom.brief("残疾人出行更便利", "新建助残坡道，方便残疾人出行。")
    assert client.get("/api/search/", {"q": "无障碍"}).json()["count"] == 0
    assert ReaderSearch.objects.get(query="无障碍", day=timezone.localdate()).results == 0

    page = BeautifulSoup(chief.get(reverse("wagtailadmin_home")).content.decode(), "html.parser")
    link = next(a for a in page.select("#unanswered-searches-section a") if a.get_text(strip=True) == "添加同义词")
    form_page = chief.get(link["href"])
    assert form_page.status_code == 200
    form = BeautifulSoup(form_page.content.decode(), "html.parser")
    assert form.select_one("input[name=terms]")["value"] == "无障碍，"
    assert form.select_one("input[name=note]")["value"] == "读者搜索“无障碍”没有结果"

    response = chief.post(link["href"], {"terms": "无障碍，助残", "note": "读者搜索“无障碍”没有结果"})
    assert response.status_code == 302
    assert Synonym.objects.get().term_list() == ["无障碍", "助残"]
    assert [r["title"] for r in client.get("/api/search/", {"q": "无障碍"}).json()["results"]] == ["残疾人出行更便利"]
    # Answered now: the panel no longer lists it.
    home = chief.get(reverse("wagtailadmin_home")).content.decode()
    assert "添加同义词" not in home
