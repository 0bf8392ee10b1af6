"""稿件库, the admin's list of every story: its columns, order and filters, as an editor and a
reporter use it."""

import datetime
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from bulletin.people.models import Person
from tests.newsroom import Newsroom, client_for

pytestmark = pytest.mark.django_db

URL = reverse("story_list:index")


@pytest.fixture
def stories():
    newsroom = Newsroom()
    edition = newsroom.edition(3, date=datetime.date(2023, 11, 28))
    return {
        "article": newsroom.article(
            "区残联开展助残日活动",
            date=datetime.date(2023, 11, 28),
            edition=edition,
            print_page="第2版",
            bylines=[("王明玥", "记者"), ("崔惠霞", "通讯员"), ("冀市里", "通讯员")],
            topics=["助残"],
        ),
        "brief": newsroom.brief("城管局整治占道经营", date=datetime.date(2023, 11, 20), bylines=[("冯佳雯", "记者")]),
        "notice": newsroom.notice("停水通知", date=datetime.date(2023, 12, 1), publish=False),
    }


def titles(html):
    """The story titles of the listing, in the order shown."""
    return re.findall(r'<span id="page_\d+_title">\s*([^<]+?)\s*</span>', html)


def listing(user, **params):
    response = client_for(user).get(URL, params)
    assert response.status_code == 200
    return response.content.decode()


@pytest.mark.parametrize("role", ["reporter", "editor"])
def test_the_columns_newest_first(role, request, stories):
    html = listing(request.getfixturevalue(role))

    assert titles(html) == ["停水通知", "区残联开展助残日活动", "城管局整治占道经营"]
    for heading in ("发布日期", "类型", "期次/版次", "署名", "状态"):
        assert heading in html
    row = html[html.index("区残联开展助残日活动") :]
    row = row[: row.index("</tr>")]
    assert "2023年11月28日" in row or "2023-11-28" in row
    assert "新闻" in row and "第3期 第2版" in row
    assert "记者 王明玥 通讯员 崔惠霞 冀市里" in row  # in print order, one role word per run
    assert "已发布" in row
    assert "草稿" in html[html.index("停水通知") :]


@pytest.mark.parametrize(
    "params, expected",
    [
        ({"kind": "brief"}, ["城管局整治占道经营"]),
        ({"kind": "notice"}, ["停水通知"]),
        ({"edition": "edition"}, ["区残联开展助残日活动"]),
        ({"topic": "topic"}, ["区残联开展助残日活动"]),
        ({"person": "崔惠霞"}, ["区残联开展助残日活动"]),
        ({"person": "明玥"}, ["区残联开展助残日活动"]),  # any part of a name, as the person chooser
        ({"person": "佳雯"}, ["城管局整治占道经营"]),
        ({"person": "新安路"}, ["区残联开展助残日活动"]),  # or of a unit: 崔惠霞's
        ({"person": "王 玥"}, ["区残联开展助残日活动"]),  # every word somewhere
        ({"person": "没有这个人"}, []),
        ({"date_from": "2023-11-21", "date_to": "2023-11-30"}, ["区残联开展助残日活动"]),
        ({"date_from": "2023-11-28"}, ["停水通知", "区残联开展助残日活动"]),
    ],
)
def test_filters(params, expected, editor, stories):
    article = stories["article"]
    values = {"edition": article.edition_id, "topic": article.topics.get().pk}
    Person.objects.filter(name="崔惠霞").update(unit="新安路街道")
    params = {key: values.get(value, value) for key, value in params.items()}

    assert titles(listing(editor, **params)) == expected


def test_the_person_filter_is_a_text_box_not_a_list_of_everyone(editor, stories):
    """Hundreds of reporters and 通讯员 would make a list nobody can use: the editor types."""
    Newsroom().article("又一篇", slug="more", bylines=[(f"通讯员{n}", "通讯员") for n in range(30)])
    html = listing(editor, person="通讯员2")
    box = re.search(r'<input type="text" name="person" value="([^"]*)"[^>]*placeholder="([^"]+)"', html)
    assert box and box.groups() == ("通讯员2", "姓名或单位的任意部分")
    assert not re.search(r"<option[^>]*>\s*通讯员\d+", html)
    assert titles(html) == ["又一篇"]


def test_a_bad_filter_value_is_refused_with_the_list_intact(editor, stories):
    html = listing(editor, kind="nonsense", date_from="not a date")
    assert len(titles(html)) == 3


def test_the_number_of_queries_does_not_grow_with_the_rows(editor, stories):
    def queries():
        client = client_for(editor)
        with CaptureQueriesContext(connection) as captured:
            assert client.get(URL).status_code == 200
        return len(captured)

    queries()  # the first request also caches the site's root paths
    few = queries()
    newsroom = Newsroom()
    for n in range(8):
        newsroom.article(
            f"又一篇{n}",
            slug=f"more-{n}",
            edition=stories["article"].edition,
            bylines=[(f"作者{n}", "记者"), ("王明玥", "摄影")],
            topics=["助残"],
        )
        newsroom.brief(f"又一条{n}", slug=f"brief-{n}", bylines=[(f"通讯员{n}", "通讯员")])
    queries()  # publishing started a new page-cache generation: the site is read again, once
    assert queries() == few


def test_the_story_sections_explorer_leads_to_the_story_list(editor, story_index):
    html = client_for(editor).get(reverse("wagtailadmin_explore", args=[story_index.pk])).content.decode()
    assert f'href="{URL}"' in html
    assert "在稿件库中查看" in html
