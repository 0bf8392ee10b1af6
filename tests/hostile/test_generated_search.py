"""Generated queries and parameters thrown at reader search, on both engines: never a 500.

A bad parameter gets a 400 with a message (the JSON API) or the page with the message (the
search page); anything else is a normal answer. Elasticsearch must answer itself: a query it
chokes on would otherwise hide behind the fallback to the embedded engine.
"""

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from .strategies import number, query, slug

pytestmark = pytest.mark.django_db

PARAMETERS = st.fixed_dictionaries(
    {"q": query},
    optional={
        "page": number,
        "page_size": number,
        "sort": st.one_of(st.sampled_from(["relevance", "date"]), slug),
        "kind": st.one_of(st.sampled_from(["article", "brief", "notice"]), slug),
        "topic": st.one_of(st.just("hostile-topic"), slug),
        "person": st.one_of(st.sampled_from(["hostile-person", "hostile-person:记者"]), slug),
        "year": number,
        "month": number,
        "edition": number,
    },
)


def check(response, engine):
    assert response.status_code < 500
    if response.status_code == 200 and response.has_header("X-Search-Engine"):
        assert response["X-Search-Engine"] == engine  # no silent fallback


@given(params=PARAMETERS)
@example(params={"q": "助残\x00"})  # PostgreSQL refuses NUL in a query
@example(params={"q": '" AND OR NEAR( * ^', "page": "-1", "page_size": "9" * 40})
def test_the_search_api_answers_or_refuses(params, engine, world, reader):
    response = reader.get("/api/search/", params)

    check(response, engine)
    assert response.status_code in (200, 400)
    body = response.json()
    assert ("results" in body) if response.status_code == 200 else body["error"]


@given(params=PARAMETERS)
def test_the_search_page_always_renders(params, engine, world, reader):
    response = reader.get("/search/", params)

    check(response, engine)
    assert response.status_code in (200, 400)
    assert "<x-probe" not in response.content.decode()


@given(q=query)
@example(q="\x00abc")
@example(q="NEAR(" * 500)
def test_suggestions_answer_or_refuse(q, engine, world, reader):
    response = reader.get("/api/search/suggest/", {"q": q})

    check(response, engine)
    assert response.status_code in (200, 400)
    assert isinstance(response.json(), dict)
