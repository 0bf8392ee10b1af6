"""A month of a newsroom's stories to count, and the numbers worked out by hand from their text.

March 2024 has four stories readers can see; around them are what must not count: a draft, an
expired story, a password-protected one and stories dated just outside the month.
"""

import datetime
import re

import pytest
from django.utils import timezone

from bulletin.stories.models import StoryPage
from tests.newsroom import Newsroom

START, END = datetime.date(2024, 3, 1), datetime.date(2024, 3, 31)

# Bodies with the whitespace print text comes with: spaces, the ideographic space, line breaks.
TEXT_A = "新安路街道开展助残日活动，\u3000为辖区残疾人送去轮椅 20 台。\n活动持续到下午。"
TEXT_B = "区残联组织义诊。\n\n专家为 60 名残疾人\u3000检查身体。"
TEXT_C = "区城管局 清理小广告。"
TEXT_D = "上街区融媒体中心记者走访 社区 。"


def chars(text):
    return len(re.sub(r"\s", "", text))


A, B, C, D = chars(TEXT_A), chars(TEXT_B), chars(TEXT_C), chars(TEXT_D)


@pytest.fixture(autouse=True)
def no_page_cache(settings):
    settings.PAGE_CACHE_TIMEOUT = 0


@pytest.fixture
def march(db):
    """The stories; their expected counts are in the tests that read them."""
    # The order the expected rows depend on: A is the longest body, C the shortest.
    assert A > B > D > C
    newsroom = Newsroom()
    feng = newsroom.person("冯佳雯", "区融媒体中心")
    cui = newsroom.person("崔惠霞", "新安路街道")
    ji = newsroom.person("冀市里", "新安路街道")
    li = newsroom.person("李建华", "区残联")
    zhang = newsroom.person("张小楠")  # no unit
    newsroom.article(
        "助残日", TEXT_A, date=datetime.date(2024, 3, 5), bylines=[(feng, "记者"), (cui, "通讯员"), (ji, "通讯员")]
    )
    # 李建华 is credited twice on one brief: one story for him, in two roles.
    newsroom.brief("义诊", TEXT_B, date=datetime.date(2024, 3, 10), bylines=[(li, "通讯员"), (li, "摄影")])
    newsroom.article("小广告", TEXT_C, date=END, bylines=[(feng, "记者"), (zhang, "实习生")])
    newsroom.article("走访", TEXT_D, date=START, bylines=[(feng, "记者"), (li, "摄影")])

    # None of these count.
    newsroom.article(
        "草稿",
        "草稿的正文很长很长很长很长很长很长",
        date=datetime.date(2024, 3, 15),
        bylines=[(feng, "记者"), (cui, "通讯员")],
        publish=False,
    )
    expired = newsroom.brief("过期", "过期的简讯", date=datetime.date(2024, 3, 12), bylines=[(feng, "记者")])
    StoryPage.objects.filter(pk=expired.pk).update(expire_at=timezone.now() - datetime.timedelta(minutes=1))
    newsroom.article(
        "内部",
        "只给有密码的人看",
        date=datetime.date(2024, 3, 20),
        bylines=[(feng, "记者"), (zhang, "实习生")],
        restricted=True,
    )
    newsroom.brief("四月", "四月的简讯", date=datetime.date(2024, 4, 1), bylines=[(feng, "记者"), (cui, "通讯员")])
    newsroom.brief("二月", "二月的简讯", date=datetime.date(2024, 2, 29), bylines=[(cui, "通讯员")])
    return newsroom


# What March counts, by hand: (key, stories, characters, roles), in report order.
BY_PERSON = [
    ("冯佳雯", 3, A + C + D, {"记者": 3}),
    ("李建华", 2, B + D, {"通讯员": 1, "摄影": 2}),
    # One story each, the same one: equal numbers, so by name (冀 U+5180 before 崔 U+5D14).
    ("冀市里", 1, A, {"通讯员": 1}),
    ("崔惠霞", 1, A, {"通讯员": 1}),
    ("张小楠", 1, C, {"实习生": 1}),
]
BY_UNIT = [
    ("区融媒体中心", 3, A + C + D, {"记者": 3}),
    ("区残联", 2, B + D, {"通讯员": 1, "摄影": 2}),
    ("新安路街道", 1, A, {"通讯员": 1}),  # two of its correspondents, one story
    ("未填写单位", 1, C, {"实习生": 1}),
]
BY_ROLE = [
    ("记者", 3, A + C + D, {"记者": 3}),
    ("通讯员", 2, A + B, {"通讯员": 2}),
    ("摄影", 2, B + D, {"摄影": 2}),
    ("实习生", 1, C, {"实习生": 1}),
]
EXPECTED = {"person": BY_PERSON, "unit": BY_UNIT, "role": BY_ROLE}
