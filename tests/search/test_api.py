"""The JSON API's contract: a bad parameter is a 400 with a JSON error, never a 500."""

import pytest

API = "/api/search/"


@pytest.mark.parametrize(
    "params, field",
    [
        ({}, "q"),
        ({"q": "   "}, "q"),
        ({"q": "城" * 101}, "q"),
        ({"q": '""'}, "q"),
        ({"q": "城管", "page_size": 101}, "page_size"),
        ({"q": "城管", "page_size": 0}, "page_size"),
        ({"q": "城管", "page": 0}, "page"),
        ({"q": "城管", "page": "二"}, "page"),
        ({"q": "城管", "page": 200, "page_size": 100}, "page"),
        ({"q": "城管", "year": "今年"}, "year"),
        ({"q": "城管", "month": 13}, "month"),
        ({"q": "城管", "kind": "editorial"}, "kind"),
        ({"q": "城管", "sort": "popular"}, "sort"),
        ({"q": "城管", "topic": "没有这个专题"}, "topic"),
        ({"q": "城管", "person": "查无此人"}, "person"),
        ({"q": "城管", "person": "王明玥:主编"}, "person"),
        ({"q": "城管", "edition": 999}, "edition"),
    ],
)
def test_bad_parameters_get_a_400_with_a_json_error(client, embedded_newsroom, params, field):
    embedded_newsroom.person("王明玥")
    response = client.get(API, params)
    assert response.status_code == 400
    body = response.json()
    assert body["error"]
    assert field in body["errors"]


def test_the_response_has_the_documented_shape(client, embedded_newsroom):
    embedded_newsroom.brief("城管早餐", "城管局送早餐。", topics=["城管"], bylines=[("李郑阳", "记者")])
    body = client.get(API, {"q": "城管", "page": 1, "page_size": 5, "sort": "date"}).json()
    assert {"query", "count", "page", "page_size", "results", "facets"} <= set(body)
    assert (body["query"], body["count"], body["page"], body["page_size"]) == ("城管", 1, 1, 5)
    (result,) = body["results"]
    assert set(result) == {"title", "url", "kind", "date", "topics", "bylines", "snippet"}
    assert {"topic", "kind", "person", "year"} <= set(body["facets"])
    assert body["facets"]["person"] == [{"value": "李郑阳:记者", "label": "李郑阳（记者）", "count": 1}]


def test_topic_filter_takes_the_name_or_the_slug(client, embedded_newsroom):
    from bulletin.topics.models import Topic

    topic = Topic.objects.create(name="外事服务", slug="waishi")
    embedded_newsroom.brief("外事简讯", "外事。", topics=[topic.name])
    for value in ("外事服务", "waishi"):
        assert client.get(API, {"q": "外事", "topic": value}).json()["count"] == 1


def test_suggest_needs_a_query(client, db):
    response = client.get("/api/search/suggest/")
    assert response.status_code == 400
    assert response.json()["error"]


def test_only_get_is_allowed(client, db):
    assert client.post(API, {"q": "城管"}).status_code == 405


def test_results_give_the_storys_short_address(client, embedded_newsroom):
    story = embedded_newsroom.brief("城管早餐", "城管局送早餐。")
    (result,) = client.get(API, {"q": "城管"}).json()["results"]
    assert result["url"].endswith(f"/news/{story.date:%Y/%m/%d}/{story.pk}/")
    assert f'href="{story.url}"' in client.get("/search/", {"q": "城管"}).content.decode()
