"""Units of search.text and search.highlight: tokens, query parsing, snippets."""

import pytest

from search import highlight, text


def test_normalize_folds_width_and_case_and_turns_separators_into_spaces():
    assert text.normalize("ＡＰＥＣ商务\u3000旅行卡１５\u200b分钟") == "apec商务 旅行卡15 分钟"


def test_a_run_becomes_overlapping_bigrams_closed_by_its_last_character():
    assert text.gram_tokens("南水北调") == ["南水", "水北", "北调", "调"]
    assert text.gram_tokens("APEC 卡") == ["ap", "pe", "ec", "c", "卡"]


def test_punctuation_stays_in_the_tokens_so_matching_is_exactly_substring():
    assert text.gram_tokens("“服务圈”") == ["“服", "服务", "务圈", "圈”", "”"]


@pytest.mark.parametrize(
    "runs, tokens, prefix",
    [
        (("水北调",), ["水北", "北调"], None),  # a fragment: anywhere inside a run
        (("城",), [], "城"),  # one character: any token starting with it
        (("pec", "商务"), ["pe", "ec", "c", "商务"], None),  # "pec 商务": the run must end before the space
        (("商务", "x"), ["商务", "务"], "x"),
    ],
)
def test_phrase_grams(runs, tokens, prefix):
    assert text.phrase_grams(runs) == (tokens, prefix)


def test_the_query_tokens_of_a_substring_are_consecutive_tokens_of_the_text():
    body = text.gram_tokens("区委外事服务中心赴郑州市长城科工贸有限公司")
    for query in ["外事", "外事服务中心", "长城科", "事服"]:
        tokens, prefix = text.phrase_grams(tuple(text.normalize(query).split()))
        assert prefix is None
        assert any(body[i : i + len(tokens)] == tokens for i in range(len(body))), query


def test_parse_query_splits_on_spaces_and_keeps_quoted_phrases():
    terms = text.parse_query('城管  早餐 "APEC 商务" “旅行 卡”')
    assert [t.runs for t in terms] == [("城管",), ("早餐",), ("apec", "商务"), ("旅行", "卡")]


def test_parse_query_attaches_synonyms():
    (term,) = text.parse_query("城管", synonyms={"城管": ["城市管理"]})
    assert term.variants == (("城管",), ("城市管理",))


@pytest.mark.parametrize(
    "query, message",
    [
        ("", "请输入"),
        ("   ", "请输入"),
        ("城" * 101, "太长"),
        (" ".join("一二三四五六七八九"), "太多"),
        ('""', "没有可以查找的文字"),
    ],
)
def test_odd_queries_get_a_message_for_the_reader(query, message):
    with pytest.raises(text.QueryError, match=message):
        text.parse_query(query)


def test_query_words_are_whole_dictionary_words_only(db):
    assert text.query_words("城管") == ["城管"]
    # 水北调 is no word: jieba makes 水北 + 调 of it, so a story gets no word bonus for it.
    assert "水北调" not in text.query_words("水北调")


def test_highlight_marks_matches_in_the_original_text_and_escapes_html():
    terms = text.parse_query("apec <b>")
    assert str(highlight.highlight("申办ＡＰＥＣ卡<b>", terms)) == "申办<mark>ＡＰＥＣ</mark>卡<mark>&lt;b&gt;</mark>"


def test_snippet_is_a_passage_around_the_first_match():
    terms = text.parse_query("假肢")
    body = "开头" * 40 + "为她免费安装了假肢。" + "结尾" * 40
    result = str(highlight.snippet([body], terms, length=40))
    assert result.startswith("…") and result.endswith("…")
    assert "<mark>假肢</mark>" in result
    assert len(result.replace("<mark>", "").replace("</mark>", "")) <= 42


def test_snippet_without_a_match_in_the_text_is_its_beginning():
    terms = text.parse_query("标题词")
    assert str(highlight.snippet(["正文第一句。"], terms)) == "正文第一句。"


@pytest.mark.parametrize(
    "sentence, word, whole",
    [
        ("开展助残活动", "助残", True),
        ("社区志愿者帮助残疾人", "助残", False),  # 帮助 + 残疾人: 助残 begins inside 帮助
        ("社区志愿者帮助残疾人", "残疾人", True),
        ("帮助残障老人", "助残", False),
        ("全国助残日当天", "助残", True),  # inside 助残日, and a word of the dictionary itself
        ("区政务服务中心", "政务服务", True),  # 政务 + 服务中心: ends on the word 服务
        ("区政务服务大厅", "政务服务大厅", True),  # a phrase of three words
        ("都城管理", "城管", False),
        ("区城管局", "城管", True),
        ("ＡＰＥＣ商务旅行卡", "apec", True),  # width and case folded, as search folds them
        ("第一行助\n残第二行", "助残", False),  # never across lines
    ],
)
def test_whole_words(db, sentence, word, whole):
    assert (word in text.WholeWords(sentence)) is whole


def test_the_segmenter_remembers_blocks_and_cuts_as_jieba_does(db):
    """The caching tokenizer gives jieba's own words, first time and from its cache, also after
    a new word was added (which changes how blocks are cut)."""
    import jieba

    plain = jieba.Tokenizer()
    plain.initialize()
    cached = text.segmenter.tokenizer()
    sentences = [
        "上街区残联开展助残日活动，3.5亿元投入南水北调配套工程。",
        "APEC 会议在 2024-05-06 召开；GDP 增长 5.2%（同比）。\n第二段 区城管局 城管执法",
        "  空格\t与\r\n换行 C++ & C# 开发者_测试  ",
    ]
    for sentence in sentences:
        for __ in range(2):
            assert list(cached.cut(sentence, HMM=False)) == list(plain.cut(sentence, HMM=False))
            assert list(cached.cut_for_search(sentence, HMM=False)) == list(plain.cut_for_search(sentence, HMM=False))
    assert list(cached.cut(sentences[0])) == list(plain.cut(sentences[0]))  # HMM: not cached, the same
    text.segmenter.refresh()
    try:
        tokenizer = text.segmenter.tokenizer()
        before = list(tokenizer.cut("南水北调配套工程", HMM=False))
        search_before = list(tokenizer.cut_for_search("南水北调配套工程", HMM=False))
        tokenizer.add_word("水北调配", freq=10**7)
        plain.add_word("水北调配", freq=10**7)
        after = list(tokenizer.cut("南水北调配套工程", HMM=False))
        assert after == list(plain.cut("南水北调配套工程", HMM=False)) != before
        search_after = list(tokenizer.cut_for_search("南水北调配套工程", HMM=False))
        assert search_after == list(plain.cut_for_search("南水北调配套工程", HMM=False)) != search_before
    finally:
        text.segmenter.refresh()
