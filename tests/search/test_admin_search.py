"""Editors find stories in the Wagtail admin by Chinese words, drafts and private ones included."""

from io import StringIO

from django.urls import reverse
from wagtail.models import PageViewRestriction

from search.models import LocalName, Synonym


def test_page_search_finds_drafts_by_chinese_words(admin_client, embedded_newsroom):
    embedded_newsroom.brief("黄女士更换假肢", "为她免费安装了假肢。", publish=False)
    embedded_newsroom.brief("城管早餐", "城管局送早餐。")
    response = admin_client.get(reverse("wagtailadmin_pages:search"), {"q": "假肢"})
    assert response.status_code == 200
    content = response.content.decode()
    assert "黄女士更换假肢" in content
    assert "城管早餐" not in content


def test_explorer_and_page_chooser_search_find_drafts(admin_client, embedded_newsroom):
    embedded_newsroom.brief("外事服务草稿", "区委外事服务中心。", publish=False)
    index = embedded_newsroom.index
    explorer = admin_client.get(reverse("wagtailadmin_explore", args=(index.pk,)), {"q": "外事"})
    assert "外事服务草稿" in explorer.content.decode()
    chooser = admin_client.get(reverse("wagtailadmin_choose_page_search"), {"q": "外事"})
    assert chooser.status_code == 200
    assert "外事服务草稿" in chooser.content.decode()


def test_editors_find_words_of_an_unpublished_draft_of_a_live_story(admin_client, client, embedded_newsroom):
    story = embedded_newsroom.brief("外事服务进企业", "区委外事服务中心上门服务。")
    story.body = "为企业申办APEC商务旅行卡。"
    story.save_revision()
    response = admin_client.get(reverse("wagtailadmin_pages:search"), {"q": "旅行卡"})
    assert "外事服务进企业" in response.content.decode()
    assert client.get("/api/search/", {"q": "旅行卡"}).json()["count"] == 0


def test_editors_find_private_stories(admin_client, embedded_newsroom):
    story = embedded_newsroom.brief("内部通报", "内部通报全文。")
    PageViewRestriction.objects.create(page=story, restriction_type=PageViewRestriction.LOGIN)
    response = admin_client.get(reverse("wagtailadmin_pages:search"), {"q": "通报"})
    assert "内部通报" in response.content.decode()


def test_admin_search_with_several_words_and_a_phrase(admin_client, embedded_newsroom):
    embedded_newsroom.brief("城管局送早餐", "区城管局为环卫工送上爱心早餐。", publish=False)
    embedded_newsroom.brief("城管执法", "城管执法队员清理违规广告。", publish=False)
    content = admin_client.get(reverse("wagtailadmin_pages:search"), {"q": "城管 早餐"}).content.decode()
    assert "城管局送早餐" in content and "城管执法" not in content
    content = admin_client.get(reverse("wagtailadmin_pages:search"), {"q": '"执法队员"'}).content.decode()
    assert "城管执法" in content and "城管局送早餐" not in content


def test_editors_maintain_synonyms_and_local_names_in_the_admin(admin_client, client, embedded_newsroom):
    embedded_newsroom.brief("城市管理执法", "加强城市管理。")
    listing = admin_client.get(reverse("wagtailsnippets_search_synonym:list"))
    assert listing.status_code == 200 and "同义词" in listing.content.decode()
    response = admin_client.post(reverse("wagtailsnippets_search_synonym:add"), {"terms": "城管，城市管理", "note": ""})
    assert response.status_code == 302
    assert Synonym.objects.get().term_list() == ["城管", "城市管理"]
    assert [r["title"] for r in client.get("/api/search/", {"q": "城管"}).json()["results"]] == ["城市管理执法"]

    response = admin_client.post(
        reverse("wagtailsnippets_search_localname:add"), {"word": "连心街", "category": "社区"}
    )
    assert response.status_code == 302
    assert LocalName.objects.filter(word="连心街").exists()


def test_wagtails_index_commands_index_stories_through_the_search_app(client, embedded_newsroom):
    from django.contrib.contenttypes.models import ContentType
    from django.core.management import call_command
    from wagtail.models import Page
    from wagtail.search.backends import get_search_backend
    from wagtail.search.models import IndexEntry

    from bulletin.stories.models import ArticlePage, StoryPage

    story = embedded_newsroom.article("旧标题")
    call_command("update_index", stdout=StringIO())
    page_types = ContentType.objects.get_for_models(Page, StoryPage, ArticlePage).values()
    assert not IndexEntry.objects.filter(content_type__in=page_types, object_id=str(story.pk)).exists()

    # Changed behind the signals' back, then handed to Wagtail's backend in bulk.
    ArticlePage.objects.filter(pk=story.pk).update(title="养老服务中心开业")
    get_search_backend().add_bulk(ArticlePage, [ArticlePage.objects.get(pk=story.pk)])
    assert client.get("/api/search/", {"q": "养老服务"}).json()["count"] == 1
