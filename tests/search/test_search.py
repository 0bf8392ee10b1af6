"""What reader search does, through the JSON API, on both engines (see conftest.engine)."""

import datetime

import pytest
from wagtail.rich_text import RichText

from bulletin.stories.models import StoryPage
from search.models import LocalName, SearchDocument, Synonym

API = "/api/search/"
SEED_QUERIES = ["助残", "城管", "外事", "假肢", "公积金", "刘毅", "APEC商务旅行卡", "15分钟"]


def search(client, q, **params):
    response = client.get(API, {"q": q, "page_size": 100, **params})
    assert response.status_code == 200, response.content
    return response.json()


def titles(body):
    return [result["title"] for result in body["results"]]


def searchable_text(page):
    """What a reader's Ctrl-F over the story page would search: headline, subtitle and text."""
    return "\n".join([page.title, getattr(page, "subtitle", ""), page.plain_text()])


def test_seed_edition_recall_against_substring_truth(client, seed_edition):
    stories = [page.specific for page in StoryPage.objects.for_readers()]
    assert len(stories) > 10
    # The importer adds the edition in bulk, inside indexing.batched(): all of it is indexed.
    assert SearchDocument.objects.count() == len(stories)
    for query in SEED_QUERIES:
        truth = {page.url for page in stories if query in searchable_text(page)}
        assert truth, f"{query} should be in the seed edition"
        body = search(client, query)
        found = {result["url"] for result in body["results"]}
        assert truth <= found, f"{query}: missed {truth - found}"
        assert body["count"] == len(found)


def test_fragments_and_names_no_dictionary_knows_are_found(client, newsroom):
    newsroom.article("南水北调东线工程通水", "全要素生产率稳步提升，谷源坊便民志愿服务点开放。")
    for fragment in ["水北调", "全要素", "谷源坊", "要素生产", "北"]:
        assert titles(search(client, fragment)) == ["南水北调东线工程通水"], fragment


def test_latin_and_digits_match_whatever_their_width_and_case(client, newsroom):
    newsroom.article("申办APEC商务旅行卡", "步行15分钟即可到达。")
    for query in ["apec", "ＡＰＥＣ商务", "PEC商", "15分钟", "5分", "１５分钟"]:
        assert titles(search(client, query)) == ["申办APEC商务旅行卡"], query


def test_space_separated_terms_must_all_match(client, newsroom):
    newsroom.article("城管局送早餐", "区城管局为环卫工送上爱心早餐。")
    newsroom.article("城管执法", "城管执法队员清理违规广告。")
    newsroom.article("早餐店检查", "市场监管所检查早餐店。")
    assert titles(search(client, "城管 早餐")) == ["城管局送早餐"]
    assert search(client, "城管 早餐 广告")["count"] == 0


def test_a_quoted_phrase_is_matched_exactly(client, newsroom):
    newsroom.article("甲", "企业可申办 APEC 商务旅行卡。")
    newsroom.article("乙", "企业可申办APEC商务旅行卡。")
    newsroom.article("丙", "商务往来与 APEC 经济体。")
    assert titles(search(client, '"APEC 商务"')) == ["甲"]
    assert titles(search(client, "“APEC商务旅行”")) == ["乙"]
    assert sorted(titles(search(client, "APEC 商务"))) == ["丙", "乙", "甲"]


def test_a_story_about_the_query_ranks_above_a_passing_mention(client, newsroom):
    newsroom.article("残联上门检查假肢适应情况", "街道残联特邀医生上门检查。", date=datetime.date(2023, 1, 5))
    newsroom.article(
        "冬季社区活动丰富多彩",
        "社区组织义剪、义诊、健康讲座等活动，其间也为一位居民调整了假肢，居民们纷纷点赞。",
        date=datetime.date(2023, 12, 1),
    )
    assert titles(search(client, "假肢")) == ["残联上门检查假肢适应情况", "冬季社区活动丰富多彩"]


def test_a_whole_word_ranks_above_characters_that_merely_meet(client, newsroom):
    newsroom.article("环境整治见成效", "区城管局开展环境整治。", date=datetime.date(2023, 1, 5))
    # 古都城管理: 都城 + 管理 - the 城管 here is chance. It is newer, so only words can put it second.
    newsroom.article("古城旧貌换新颜", "这座古都城管理有序。", date=datetime.date(2023, 12, 1))
    assert titles(search(client, "城管")) == ["环境整治见成效", "古城旧貌换新颜"]


def test_the_local_names_dictionary_makes_a_name_a_whole_word(client, newsroom):
    LocalName.objects.create(word="连心街", category=LocalName.Category.COMMUNITY)
    newsroom.article("社区走访", "连心街社区居民黄女士感激地说。", date=datetime.date(2023, 1, 5))
    # 心连心街坊: the characters of 连心街 meet by chance; this story is newer.
    newsroom.article("邻里互助", "大家心连心街坊邻里互相帮助。", date=datetime.date(2023, 12, 1))
    assert titles(search(client, "连心街")) == ["社区走访", "邻里互助"]


def test_newer_first_when_relevance_ties(client, newsroom):
    for day, name in ((3, "甲"), (20, "乙"), (11, "丙")):
        newsroom.brief(f"简讯{name}", "区委外事服务中心开展服务活动。", date=datetime.date(2023, 11, day))
    body = search(client, "外事服务")
    assert [r["date"] for r in body["results"]] == ["2023-11-20", "2023-11-11", "2023-11-03"]


def test_sort_by_date_puts_newest_first_whatever_the_relevance(client, newsroom):
    newsroom.article("外事服务中心助企", "外事服务。", date=datetime.date(2022, 5, 1))
    newsroom.brief("简讯", "提到外事一次。", date=datetime.date(2024, 2, 1))
    assert titles(search(client, "外事"))[0] == "外事服务中心助企"
    assert titles(search(client, "外事", sort="date")) == ["简讯", "外事服务中心助企"]


def test_a_new_synonym_shows_even_in_cached_results(client, newsroom, settings):
    settings.PAGE_CACHE_TIMEOUT = 600  # as in production: anonymous responses are cached
    newsroom.article("城市管理执法", "加强城市管理。")
    newsroom.article("城管进社区", "城管队员进社区。")
    assert titles(search(client, "城管")) == ["城管进社区"]
    Synonym.objects.create(terms="城管，城市管理")
    assert sorted(titles(search(client, "城管"))) == ["城市管理执法", "城管进社区"]


def test_synonyms_editors_maintain_find_either_form(client, newsroom):
    Synonym.objects.create(terms="城管，城市管理")
    newsroom.article("城市管理执法", "加强城市管理。")
    newsroom.article("城管进社区", "城管队员进社区。")
    assert sorted(titles(search(client, "城管"))) == ["城市管理执法", "城管进社区"]
    assert sorted(titles(search(client, "城市管理"))) == ["城市管理执法", "城管进社区"]


@pytest.fixture
def faceted(newsroom):
    edition = newsroom.edition(7, datetime.date(2023, 11, 28))
    newsroom.article(
        "助残暖冬行",
        "区残联为残疾人送温暖。",
        date=datetime.date(2023, 11, 28),
        edition=edition,
        topics=["助残"],
        bylines=[("冯佳雯", "记者"), ("禹明月", "通讯员")],
    )
    newsroom.brief(
        "残联简讯",
        "区残联开展助残日活动。",
        date=datetime.date(2023, 5, 10),
        topics=["助残", "民生"],
        bylines=[("冯佳雯", "摄影")],
    )
    newsroom.notice(
        "残疾人证办理通知",
        "区残联发布残疾人证办理须知。",
        date=datetime.date(2022, 5, 3),
        bylines=[("禹明月", "记者")],
    )
    newsroom.article("无关稿件", "今天天气很好。")


def facet(body, name):
    return {entry["value"]: entry["count"] for entry in body["facets"][name]}


def test_facets_count_the_results(client, faceted):
    body = search(client, "残联")
    assert body["count"] == 3
    assert facet(body, "kind") == {"article": 1, "brief": 1, "notice": 1}
    assert facet(body, "year") == {"2023": 2, "2022": 1}
    assert facet(body, "month") == {"5": 2, "11": 1}
    assert facet(body, "topic") == {"助残": 2, "民生": 1}
    assert facet(body, "person") == {"冯佳雯:记者": 1, "冯佳雯:摄影": 1, "禹明月:通讯员": 1, "禹明月:记者": 1}
    assert facet(body, "edition") == {"7": 1}
    assert [entry["value"] for entry in body["facets"]["year"]] == ["2023", "2022"]
    assert {entry["label"] for entry in body["facets"]["kind"]} == {"新闻", "简讯", "通知公告"}


FILTERS = [
    ({"topic": "助残"}, ["助残暖冬行", "残联简讯"]),
    ({"topic": "民生"}, ["残联简讯"]),
    ({"kind": "notice"}, ["残疾人证办理通知"]),
    ({"person": "冯佳雯"}, ["助残暖冬行", "残联简讯"]),
    ({"person": "冯佳雯:摄影"}, ["残联简讯"]),
    ({"person": "禹明月:记者"}, ["残疾人证办理通知"]),
    ({"year": 2023}, ["助残暖冬行", "残联简讯"]),
    ({"year": 2023, "month": 5}, ["残联简讯"]),
    ({"edition": 7}, ["助残暖冬行"]),
    ({"topic": "助残", "kind": "brief"}, ["残联简讯"]),
]


def test_filters_narrow_the_results(client, faceted):
    for params, expected in FILTERS:
        body = search(client, "残联", **params)
        assert sorted(titles(body)) == sorted(expected), params
        assert body["count"] == len(expected), params


def test_a_facet_still_offers_its_other_values_once_one_is_chosen(client, faceted):
    body = search(client, "残联", year=2023)
    assert body["count"] == 2
    assert facet(body, "year") == {"2023": 2, "2022": 1}  # the other year stays one click away
    assert facet(body, "kind") == {"article": 1, "brief": 1}  # other facets follow the filter


def test_results_are_paginated_without_gaps_or_repeats(client, newsroom):
    for number in range(12):
        newsroom.brief(
            f"外事简讯第{number}条", "外事服务。", date=datetime.date(2023, 1, 1) + datetime.timedelta(days=number)
        )
    pages = [client.get(API, {"q": "外事", "page_size": 5, "page": n}).json() for n in (1, 2, 3)]
    assert [len(p["results"]) for p in pages] == [5, 5, 2]
    assert {p["count"] for p in pages} == {12}
    seen = [r["title"] for p in pages for r in p["results"]]
    assert len(set(seen)) == 12
    assert client.get(API, {"q": "外事", "page_size": 5, "page": 4}).json()["results"] == []


def test_result_fields_and_highlighted_snippet(client, newsroom):
    newsroom.article(
        "区城管局：聚焦民生实事",
        "“爱心早餐”活动由上街区城管局和区总工会联合发起。<script>alert(1)</script>",
        topics=["城管"],
        bylines=[("张怡馨", "记者")],
    )
    (result,) = search(client, "城管局")["results"]
    assert result["kind"] == "article"
    assert result["date"] == "2023-11-28"
    assert result["topics"] == ["城管"]
    assert result["bylines"] == [{"name": "张怡馨", "role": "记者"}]
    assert result["url"].startswith("/news/")
    assert "上街区<mark>城管局</mark>和区总工会" in result["snippet"]
    assert "<script>" not in result["snippet"]


def test_bylines_and_topics_are_searchable(client, newsroom):
    newsroom.article("稿件一", "正文。", bylines=[("禹明月", "通讯员")])
    assert titles(search(client, "禹明月")) == ["稿件一"]


def test_suggestions_are_titles_of_live_stories(client, newsroom):
    newsroom.article("区城管局：聚焦民生实事", "正文。")
    newsroom.article("城管执法进社区", "正文。")
    newsroom.article("城管草稿", "正文。", publish=False)
    newsroom.article("无关", "正文提到城管。")
    response = client.get("/api/search/suggest/", {"q": "城管"})
    assert response.status_code == 200
    suggested = [s["title"] for s in response.json()["suggestions"]]
    assert sorted(suggested) == ["区城管局：聚焦民生实事", "城管执法进社区"]


def test_the_api_says_which_engine_answered(client, newsroom, engine):
    newsroom.article("外事", "外事。")
    assert client.get(API, {"q": "外事"})["X-Search-Engine"] == engine


def test_body_text_from_stream_blocks_is_searchable(client, newsroom):
    newsroom.article(
        "图片新闻",
        body=[
            ("subheading", "小标题里的词语"),
            ("quote", {"text": "引文里的话", "attribution": ""}),
            ("paragraph", RichText("<p>正文&amp;段落</p>")),
        ],
    )
    for query in ["小标题里", "引文里的话", "正文&段落"]:
        assert titles(search(client, query)) == ["图片新闻"], query


def test_a_long_story_is_found_by_words_anywhere_in_it(client, newsroom):
    # Longer than one PostgreSQL tsvector can hold (16,383 positions): it is indexed in chunks.
    filler = "各地认真贯彻落实会议精神。" * 1600
    newsroom.article("长篇讲话全文", f"开篇谈到假肢适配。{filler}结尾说到公积金改革。")
    newsroom.article("短讯", "只谈到假肢适配。")
    assert titles(search(client, "公积金改革")) == ["长篇讲话全文"]
    assert titles(search(client, "假肢适配 公积金")) == ["长篇讲话全文"]
    assert sorted(titles(search(client, "假肢适配"))) == ["短讯", "长篇讲话全文"]
