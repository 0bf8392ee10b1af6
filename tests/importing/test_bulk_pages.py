"""The bulk page writer leaves the same rows behind as Wagtail's add_child + save_revision + publish."""

import json
import re
from datetime import date

import pytest
from django.db import transaction
from wagtail.models import Page, PageLogEntry, ReferenceIndex
from wagtail.signals import page_published

from bulletin.importing.bulk import BulkPageWriter
from bulletin.importing.pages import People, Topics, add_with_wagtail, article_page, brief_page, tagged
from bulletin.stories.models import ArticlePage, StoryIndexPage, StoryPage

# Revision content that differs between any two pages: identity, position, timestamps.
OWN_KEYS = {
    "pk",
    "path",
    "slug",
    "url_path",
    "title",
    "draft_title",
    "translation_key",
    "body",
    "bylines",
    "topic_items",
}


def new_article(title, people, topics):
    return article_page(
        title=title,
        paragraphs=[("paragraph", "第一段。"), ("subheading", "小标题"), ("paragraph", "第二段。")],
        date=date(2023, 11, 28),
        people=people,
        bylines=[("王浩", "记者"), ("李莉", "通讯员")],
        topics=tagged(named=[topics.named("助残")], matched=[]),
        subtitle="副题",
    )


def bulk_add(pages, publish=True):
    writer = BulkPageWriter(StoryIndexPage.objects.get(), publish=publish)
    with transaction.atomic():
        writer.add(pages)


def revision_shape(page):
    content = page.latest_revision.content
    return {
        "fields": {key: value for key, value in content.items() if key not in OWN_KEYS},
        "body": [(block["type"], block["value"]) for block in json.loads(content["body"])],
        "bylines": [(b["person"], b["role"], b["sort_order"], b["story"] == page.pk) for b in content["bylines"]],
        "topics": [(t["tag"], t["content_object"] == page.pk) for t in content["topic_items"]],
    }


def references(page):
    """The page's reference index rows, child row ids (which differ between the pages) left out."""
    rows = ReferenceIndex.get_references_for_object(page).values_list(
        "content_type", "base_content_type", "model_path", "content_path", "to_content_type", "to_object_id"
    )
    return sorted((*row[:3], re.sub(r"\.\d+\.", ".<id>.", row[3]), *row[4:]) for row in rows)


@pytest.mark.parametrize("publish", [True, False], ids=["published", "draft"])
def test_bulk_page_is_like_a_wagtail_page(db, story_index, client, publish):
    people, topics = People(warn=print), Topics()
    wagtail_page = new_article("同一篇", people, topics)
    add_with_wagtail(story_index, wagtail_page, publish)
    bulk_page = new_article("同一篇", people, topics)
    bulk_add([bulk_page], publish)

    by_wagtail = ArticlePage.objects.get(pk=wagtail_page.pk)
    by_bulk = ArticlePage.objects.get(pk=bulk_page.pk)
    for field in [
        "live",
        "has_unpublished_changes",
        "expired",
        "locked",
        "depth",
        "numchild",
        "locale_id",
        "content_type_id",
        "kind",
    ]:
        assert getattr(by_bulk, field) == getattr(by_wagtail, field), field
    assert by_bulk.live is publish
    assert by_wagtail.slug == "同一篇" and by_bulk.slug == "同一篇-2"
    assert by_bulk.url_path == story_index.url_path + "同一篇-2/"
    assert by_bulk.path > by_wagtail.path
    for field in ["first_published_at", "last_published_at", "live_revision_id"]:
        assert (getattr(by_bulk, field) is None) == (getattr(by_wagtail, field) is None) == (not publish), field
    assert by_bulk.latest_revision_created_at and by_bulk.draft_title == by_bulk.title

    for page in (by_wagtail, by_bulk):
        assert page.revisions.count() == 1
        assert page.latest_revision.object_id == str(page.pk)
        assert page.latest_revision.as_object().title == "同一篇"
        if publish:
            assert page.live_revision_id == page.latest_revision_id
    assert revision_shape(by_bulk) == revision_shape(by_wagtail)

    def actions(page):
        return sorted(PageLogEntry.objects.filter(page=page).values_list("action", "content_changed"))

    assert actions(by_bulk) == actions(by_wagtail)
    assert references(by_bulk) == references(by_wagtail) != []
    # The admin's usage counts ("used by 2 stories") read the same rows.
    person = by_bulk.ordered_bylines()[0].person
    assert ReferenceIndex.get_references_to(person).group_by_source_object().count() == 2

    assert [(b.person_id, b.role) for b in by_bulk.ordered_bylines()] == [
        (b.person_id, b.role) for b in by_wagtail.ordered_bylines()
    ]
    assert list(by_bulk.topics.all()) == list(by_wagtail.topics.all())

    assert Page.find_problems() == ([], [], [], [], [])
    story_index.refresh_from_db()
    assert story_index.numchild == 2
    readers = set(StoryPage.objects.for_readers().values_list("pk", flat=True))
    assert readers == ({by_wagtail.pk, by_bulk.pk} if publish else set())
    assert client.get(by_bulk.url).status_code == (200 if publish else 404)


def test_batches_follow_pages_added_in_between(db, story_index):
    people, topics = People(warn=print), Topics()
    writer = BulkPageWriter(story_index)
    with transaction.atomic():
        writer.add([new_article("第一批", people, topics), new_article("第一批", people, topics)])
    # An editor adds a story between two batches.
    add_with_wagtail(story_index, new_article("编辑加的", people, topics), publish=True)
    with transaction.atomic():
        writer.add(
            [
                new_article("编辑加的", people, topics),
                brief_page(title="简讯", paragraphs=[("paragraph", "正文。")], date=date(2023, 1, 1), people=people),
            ]
        )

    children = list(StoryIndexPage.objects.get().get_children().specific())
    assert [page.slug for page in children] == ["第一批", "第一批-2", "编辑加的", "编辑加的-2", "简讯"]
    for page in children:
        assert page.latest_revision.object_id == page.live_revision.object_id == str(page.pk)
    assert [page.kind for page in children] == ["article"] * 4 + ["brief"]
    assert Page.find_problems() == ([], [], [], [], [])


def test_published_signal_sent_for_each_page(db, story_index):
    people, topics = People(warn=print), Topics()
    received = []

    def receiver(sender, instance, revision, **kwargs):
        received.append((sender, instance.pk, revision.pk == instance.live_revision_id))

    pages = [new_article(f"第{n}篇", people, topics) for n in range(3)]
    page_published.connect(receiver)
    try:
        bulk_add(pages)
    finally:
        page_published.disconnect(receiver)
    assert received == [(ArticlePage, page.pk, True) for page in pages]
