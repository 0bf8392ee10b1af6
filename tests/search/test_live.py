"""Readers find live public stories only, and every editor action shows the moment it returns."""

import datetime
import time

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone
from wagtail.models import PageViewRestriction
from wagtail.test.utils.form_data import inline_formset, nested_form_data

from bulletin.people.models import Person
from bulletin.stories.models import BriefPage, StoryIndexPage
from home.models import HomePage

API = "/api/search/"


def found(client, q):
    response = client.get(API, {"q": q, "page_size": 100})
    assert response.status_code == 200
    return [result["title"] for result in response.json()["results"]]


def suggested(client, q):
    return [s["title"] for s in client.get("/api/search/suggest/", {"q": q}).json()["suggestions"]]


def test_a_draft_is_not_found_until_it_is_published(client, newsroom):
    draft = newsroom.brief("假肢适配草稿", "为残疾人免费安装假肢。", publish=False)
    assert found(client, "假肢") == []
    assert suggested(client, "假肢") == []
    draft.get_latest_revision().publish()
    assert found(client, "假肢") == ["假肢适配草稿"]
    assert suggested(client, "假肢") == ["假肢适配草稿"]


def test_unpublishing_removes_and_republishing_restores(client, newsroom):
    story = newsroom.brief("公积金业务周末办", "周末可办理公积金业务。")
    assert found(client, "公积金") == ["公积金业务周末办"]
    story.unpublish()
    assert found(client, "公积金") == []
    story.save_revision().publish()
    assert found(client, "公积金") == ["公积金业务周末办"]


def test_draft_changes_to_a_live_story_show_only_once_published(client, newsroom):
    story = newsroom.brief("外事服务进企业", "区委外事服务中心上门服务。")
    story.title = "APEC商务旅行卡专项服务"
    story.body = "为企业申办APEC商务旅行卡。"
    revision = story.save_revision()
    assert found(client, "外事") == ["外事服务进企业"]
    assert found(client, "旅行卡") == []
    revision.publish()
    assert found(client, "外事") == []
    assert found(client, "旅行卡") == ["APEC商务旅行卡专项服务"]


def test_deleting_a_story_removes_it(client, newsroom):
    story = newsroom.brief("城管执法", "城管队员清理广告。")
    newsroom.brief("城管早餐", "城管局送早餐。")
    story.delete()
    assert found(client, "城管") == ["城管早餐"]


@pytest.fixture
def sections(newsroom):
    """A second, public section and a private one, beside the newsroom's story index."""
    home = HomePage.objects.get()
    public = home.add_child(instance=StoryIndexPage(title="旧闻", slug="old"))
    private = home.add_child(instance=StoryIndexPage(title="内部", slug="internal"))
    PageViewRestriction.objects.create(page=private, restriction_type=PageViewRestriction.PASSWORD, password="pw")
    return public, private


def test_moving_a_story_shows_its_new_place_or_hides_it(client, newsroom, sections):
    public, private = sections
    story = newsroom.brief("刘毅介绍城管工作", "区城管局局长刘毅表示。", slug="liuyi")

    def move(page, target):
        # Fresh rows: treebeard plans a move from the target's current child count.
        page.refresh_from_db()
        page.move(StoryIndexPage.objects.get(pk=target.pk), pos="last-child")

    move(story, public)
    (result,) = client.get(API, {"q": "刘毅"}).json()["results"]
    assert result["url"] == f"/old/{story.date:%Y/%m/%d}/{story.pk}/"
    move(story, private)
    assert found(client, "刘毅") == []
    move(story, newsroom.index)
    assert found(client, "刘毅") == ["刘毅介绍城管工作"]


def test_view_restrictions_hide_stories_on_the_spot(client, newsroom):
    story = newsroom.brief("助残暖冬行", "区残联上门服务。")
    restriction = PageViewRestriction.objects.create(
        page=story, restriction_type=PageViewRestriction.PASSWORD, password="pw"
    )
    assert found(client, "助残") == []
    restriction.delete()
    assert found(client, "助残") == ["助残暖冬行"]
    # A restriction on the section hides every story in it.
    section = PageViewRestriction.objects.create(page=newsroom.index, restriction_type=PageViewRestriction.LOGIN)
    assert found(client, "助残") == []
    section.delete()
    assert found(client, "助残") == ["助残暖冬行"]


def test_an_expired_story_disappears_when_its_time_comes(client, newsroom):
    story = newsroom.brief("临时通知", "临时交通管制通知。")
    story.expire_at = timezone.now() + datetime.timedelta(seconds=1.5)
    story.save_revision().publish()
    assert found(client, "交通管制") == ["临时通知"]
    # The index holds the expiry; no job has to run for the story to leave the results.
    time.sleep(max(0.0, (story.expire_at - timezone.now()).total_seconds()) + 0.1)
    assert found(client, "交通管制") == []
    assert suggested(client, "临时通知") == []
    call_command("publish_scheduled", verbosity=0)
    story.refresh_from_db()
    assert not story.live
    assert found(client, "交通管制") == []


def test_renaming_a_person_updates_the_stories_that_credit_them(client, newsroom):
    newsroom.brief("外事简讯", "外事服务。", bylines=[("王明月", "记者")])
    person = Person.objects.get(name="王明月")
    person.name = "王明玥"
    person.save()
    assert found(client, "王明玥") == ["外事简讯"]
    assert found(client, "王明月") == []


def test_publishing_and_unpublishing_in_the_admin_show_at_once(client, engine, admin_client):
    index = StoryIndexPage.objects.get()
    data = nested_form_data(
        {
            "title": "济源路街道开展烟花爆竹打非行动",
            "slug": "yanhua",
            "body": "济源路街道深入开展烟花爆竹打非专项行动。",
            "date": "2023-11-28",
            "bylines": inline_formset([]),
            "corrections": inline_formset([]),
            "topics": "",
            "print_page": "",
            "action-publish": "action-publish",
        }
    )
    response = admin_client.post(reverse("wagtailadmin_pages:add", args=("stories", "briefpage", index.pk)), data)
    assert response.status_code == 302, response.context["form"].errors if response.context else response
    assert found(client, "烟花爆竹") == ["济源路街道开展烟花爆竹打非行动"]

    story = BriefPage.objects.get(slug="yanhua")
    response = admin_client.post(reverse("wagtailadmin_pages:unpublish", args=(story.pk,)))
    assert response.status_code == 302
    assert found(client, "烟花爆竹") == []
