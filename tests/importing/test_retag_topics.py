"""retag_topics through the real command: keywords editors changed, applied to stories imported
before; what an editor set stays."""

import json

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from bulletin.stories.models import StoryPage, StoryTopic
from bulletin.topics.models import Topic
from tests.workflow.admin_forms import edit_url, form_of

ITEMS = [
    {"title": "巡河护河", "body": "各级河长开展巡河，清理河道垃圾。", "date": "2023-11-20"},
    {"title": "残疾人运动会开幕", "body": "区残疾人运动会今日开幕。", "date": "2023-11-21", "kind": "brief"},
    {"title": "文明养犬倡议", "body": "社区发出文明养犬倡议。", "date": "2023-11-22", "topics": ["民生"]},
]


@pytest.fixture
def imported(db, run, write_file):
    lines = "".join(json.dumps(item, ensure_ascii=False) + "\n" for item in ITEMS)
    run("import_articles", write_file("archive.jsonl", lines))


def topics_of(title):
    story = StoryPage.objects.get(title=title)
    return dict(StoryTopic.objects.filter(content_object=story).values_list("tag__name", "added_by"))


def revision_topics(title):
    """The topic ids in the story's latest and live revisions: what the editor's form opens, and
    what a later publish restores."""
    story = StoryPage.objects.get(title=title)
    return [
        sorted(item["tag"] for item in revision.content["topic_items"])
        for revision in (story.latest_revision, story.live_revision)
    ]


def test_dry_run_reports_and_changes_nothing(imported, run):
    Topic.objects.create(name="河长制", slug="hezhang", keywords="河长、巡河")
    before = {item["title"]: topics_of(item["title"]) for item in ITEMS}
    result = run("retag_topics", "--dry-run")
    assert f"《巡河护河》（#{StoryPage.objects.get(title='巡河护河').pk}）：将加上 河长制" in result.stdout
    assert "专题“河长制”：将加到 1 篇稿件，将从 0 篇稿件去掉" in result.stdout
    assert "检查了 3 篇稿件，1 篇的专题需要调整（试运行，没有修改" in result.stdout
    assert {item["title"]: topics_of(item["title"]) for item in ITEMS} == before


def test_changed_keywords_add_and_remove_keyword_topics(imported, run, client):
    assert topics_of("残疾人运动会开幕") == {"助残": "keyword"}
    assert topics_of("文明养犬倡议") == {"民生": "editor", "城管": "keyword"}
    # An editor drops 残疾人 and 文明养犬 from the keywords and starts a topic for rivers.
    Topic.objects.filter(name="助残").update(keywords="助残、残联")
    Topic.objects.filter(name="城管").update(keywords="城市管理、环卫")
    Topic.objects.filter(name="民生").update(keywords="便民")
    hezhang = Topic.objects.create(name="河长制", slug="hezhang", keywords="河长、巡河")

    result = run("retag_topics")
    assert "《残疾人运动会开幕》" in result.stdout and "已去掉 助残" in result.stdout
    assert "专题“河长制”：已加到 1 篇稿件，已从 0 篇稿件去掉" in result.stdout
    assert "专题“助残”：已加到 0 篇稿件，已从 1 篇稿件去掉" in result.stdout
    assert "检查了 3 篇稿件，3 篇的专题已经调整。" in result.stdout

    assert topics_of("巡河护河") == {"河长制": "keyword"}
    assert topics_of("残疾人运动会开幕") == {}
    # 民生 was named by the archive line: the editor's, kept though no keyword matches now.
    assert topics_of("文明养犬倡议") == {"民生": "editor"}
    # The revisions agree, so the editor's form and the next publish keep the change.
    assert revision_topics("巡河护河") == [[hezhang.pk], [hezhang.pk]]
    assert revision_topics("残疾人运动会开幕") == [[], []]
    # Readers see it at once: the topic page lists the story.
    story = StoryPage.objects.get(title="巡河护河")
    assert story.url in client.get("/topics/hezhang/").content.decode()

    again = run("retag_topics")
    assert "检查了 3 篇稿件，0 篇的专题已经调整：专题与关键词一致，没有修改。" in again.stdout


def test_keyword_topics_are_taken_from_all_the_stories_in_one_delete(db, run, write_file):
    items = [
        {"title": f"残疾人运动会第{n}天", "body": "区残疾人运动会继续进行。", "date": "2023-11-21"} for n in range(4)
    ]
    run(
        "import_articles",
        write_file("archive.jsonl", "".join(json.dumps(item, ensure_ascii=False) + "\n" for item in items)),
    )
    assert StoryTopic.objects.filter(tag__name="助残", added_by="keyword").count() == 4
    Topic.objects.filter(name="助残").update(keywords="助残、残联")

    with CaptureQueriesContext(connection) as queries:
        result = run("retag_topics")

    assert "专题“助残”：已加到 0 篇稿件，已从 4 篇稿件去掉" in result.stdout
    assert not StoryTopic.objects.filter(tag__name="助残").exists()
    deletes = [q["sql"] for q in queries if q["sql"].startswith("DELETE") and "stories_storytopic" in q["sql"]]
    assert len(deletes) == 1, deletes


def test_topics_an_editor_set_by_hand_are_kept(imported, run, admin_client):
    story = StoryPage.objects.get(title="残疾人运动会开幕").specific
    assert topics_of("残疾人运动会开幕") == {"助残": "keyword"}
    # The editor publishes the story from the admin, keeping 助残 and adding 民生.
    response = admin_client.post(edit_url(story), form_of(story, topics="助残,民生", **{"action-publish": "1"}))
    assert response.status_code == 302, response.context["form"].errors if response.context else response
    assert topics_of("残疾人运动会开幕") == {"助残": "editor", "民生": "editor"}

    Topic.objects.filter(name="助残").update(keywords="助残、残联")
    result = run("retag_topics")
    assert "残疾人运动会开幕" not in result.stdout
    assert topics_of("残疾人运动会开幕") == {"助残": "editor", "民生": "editor"}


def test_search_finds_the_story_under_its_new_topic(imported, run, client):
    Topic.objects.create(name="河长制", slug="hezhang", keywords="河长、巡河")
    run("retag_topics")
    response = client.get("/api/search/", {"q": "河道", "topic": "hezhang"})
    assert [result["title"] for result in response.json()["results"]] == ["巡河护河"]
