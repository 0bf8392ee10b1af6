"""The reader search page at /search/: results, facets, highlights, pages, empty and odd queries."""

import datetime
import re

from django.utils.html import strip_tags

PAGE = "/search/"


def test_results_with_highlights_facets_and_sorting(client, newsroom):
    newsroom.article("区城管局：聚焦民生实事", "上街区城管局和区总工会联合发起爱心早餐。", topics=["城管"])
    newsroom.brief("城管简讯", "城管执法队员清理广告。")
    response = client.get(PAGE, {"q": "城管"})
    assert response.status_code == 200
    html = response.content.decode()
    assert "找到 <strong>2</strong> 篇包含“城管”的稿件" in html
    assert "上街区<mark>城管</mark>局" in html
    assert "区<mark>城管</mark>局：聚焦民生实事" in html
    assert "<h3>类型</h3>" in html and "简讯" in html
    assert "?q=%E5%9F%8E%E7%AE%A1&amp;sort=date" in html or "sort=date" in html
    assert response.templates[0].name == "search/search.html"


def test_a_chosen_facet_can_be_removed(client, newsroom):
    newsroom.brief("城管简讯", "城管执法。")
    html = client.get(PAGE, {"q": "城管", "kind": "brief"}).content.decode()
    assert 'aria-label="取消筛选 简讯"' in html
    assert 'href="?q=%E5%9F%8E%E7%AE%A1"' in html


def test_pages_link_to_each_other_keeping_the_query(client, newsroom):
    for day in range(1, 8):
        newsroom.brief(f"外事简讯{day}", "外事服务。", date=datetime.date(2023, 1, day))
    html = client.get(PAGE, {"q": "外事", "kind": "brief", "page_size": 5}).content.decode()
    assert current_page(html) == "第1页（当前）"
    assert 'href="?q=%E5%A4%96%E4%BA%8B&amp;kind=brief&amp;page_size=5&amp;page=2" rel="next"' in html
    second = client.get(PAGE, {"q": "外事", "kind": "brief", "page_size": 5, "page": 2}).content.decode()
    assert current_page(second) == "第2页（当前）" and second.count('class="search-result ') == 2


def current_page(html):
    """The page the pagination marks as the one shown (includes/pagination.html)."""
    return strip_tags(re.search(r'class="pagination__number"[^>]*aria-current="page">(.*?)</a>', html).group(1))


def test_no_results_suggests_what_to_try(client, newsroom):
    newsroom.brief("城管简讯", "城管执法。")
    html = client.get(PAGE, {"q": "航天"}).content.decode()
    assert "没有找到包含“航天”的稿件" in html
    assert "换一个说法" in html


def test_empty_query_shows_how_to_search(client, embedded_newsroom):
    embedded_newsroom.article("助残暖冬行", "区残联为黄女士安装假肢。", topics=["助残"])
    embedded_newsroom.article("消防培训", "草稿里的消防专题。", topics=["消防"], publish=False)
    response = client.get(PAGE)
    assert response.status_code == 200
    html = response.content.decode()
    assert "怎样搜索" in html and "按专题浏览" in html
    # Only topics with a public story are offered: the others' pages are 404s.
    assert 'href="/topics/%E5%8A%A9%E6%AE%8B/"' in html or 'href="/topics/助残/"' in html
    assert "/topics/消防/" not in html and "/topics/%E6%B6%88%E9%98%B2/" not in html


def test_an_odd_query_gets_a_clear_message(client, embedded_newsroom):
    html = client.get(PAGE, {"q": "城" * 101}).content.decode()
    assert 'role="alert"' in html and "搜索词太长了" in html
    html = client.get(PAGE, {"q": "城管", "month": "十三"}).content.decode()
    assert 'role="alert"' in html
