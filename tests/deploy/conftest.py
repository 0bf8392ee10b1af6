"""Stories for the page-cache tests, published the way the admin publishes them."""

import pytest
from wagtail.rich_text import RichText

from bulletin.people.models import Person
from bulletin.stories.models import ArticlePage, Byline, StoryIndexPage
from bulletin.topics.models import Topic


def add_article(title, slug, person=None, topic=None, publish=True, **fields):
    page = ArticlePage(title=title, slug=slug, live=False, body=[("paragraph", RichText(f"<p>{title}的正文。</p>"))], **fields)
    if person:
        page.bylines.add(Byline(person=person, role="记者"))
    if topic:
        page.topics.add(topic)
    StoryIndexPage.objects.get().add_child(instance=page)
    revision = page.save_revision()
    if publish:
        revision.publish()
        page.refresh_from_db()
    return page


@pytest.fixture
def reporter(db):
    return Person.objects.create(name="王记者", unit="上街区融媒体中心")


@pytest.fixture
def topic(db):
    return Topic.objects.get(name="助残")


@pytest.fixture
def article(reporter, topic):
    return add_article("助残日活动在上街区举行", "zhucanri", person=reporter, topic=topic)
