"""Test content for the reader site, built through Wagtail's own page APIs.

``newsroom`` makes people, editions and stories the way the admin would: pages are added under
the story index and published through a revision (or left as drafts), with bylines, topics and
corrections attached as the page's cluster children.
"""

import datetime
import itertools

import pytest
from wagtail.models import PageViewRestriction
from wagtail.rich_text import RichText

from bulletin.editions.models import Edition
from bulletin.people.models import Person
from bulletin.stories.models import ArticlePage, BriefPage, Byline, Correction, StoryIndexPage
from bulletin.topics.models import Topic


@pytest.fixture(autouse=True)
def no_page_cache(settings):
    """These tests check what the views render and query; the page cache has its own tests."""
    settings.PAGE_CACHE_TIMEOUT = 0


class Newsroom:
    def __init__(self):
        self.index = StoryIndexPage.objects.get()
        self.counter = itertools.count(1)

    def topic(self, name):
        return Topic.objects.get(name=name)

    def person(self, name, unit="", **fields):
        return Person.objects.create(name=name, unit=unit, **fields)

    def edition(self, number, date=datetime.date(2023, 11, 28), **fields):
        return Edition.objects.create(number=number, date=date, **fields)

    def article(self, title="稿件", **fields):
        fields.setdefault("body", [("paragraph", RichText(f"<p>{title}的正文。</p>"))])
        return self._add(ArticlePage(title=title, **self._page_fields(fields)), **fields)

    def notice(self, title="通知", **fields):
        return self.article(title, is_notice=True, **fields)

    def brief(self, title="简讯", **fields):
        fields.setdefault("body", f"{title}的正文。")
        return self._add(BriefPage(title=title, **self._page_fields(fields)), **fields)

    def _page_fields(self, fields):
        """The fields the page constructor takes; relations and publishing options are _add()'s."""
        add_options = {"bylines", "topics", "corrections", "publish", "restricted"}
        page_fields = {key: value for key, value in fields.items() if key not in add_options}
        page_fields.setdefault("slug", f"story-{next(self.counter)}")
        return page_fields

    def _add(self, page, bylines=(), topics=(), corrections=(), publish=True, restricted=False, **_):
        for person, role in bylines:
            page.bylines.add(Byline(person=person, role=role))
        for topic in topics:
            page.topics.add(self.topic(topic) if isinstance(topic, str) else topic)
        for correction in corrections:
            page.corrections.add(Correction(**correction))
        page.live = False  # live only once a revision is published, as in the admin
        self.index.add_child(instance=page)
        revision = page.save_revision()
        if publish:
            revision.publish()
            page.refresh_from_db()
        if restricted:
            PageViewRestriction.objects.create(page=page, restriction_type=PageViewRestriction.PASSWORD, password="secret")
        return page


@pytest.fixture
def newsroom(db):
    return Newsroom()


@pytest.fixture
def image(db, tmp_path, settings):
    """A small JPEG uploaded as a Wagtail image, described for screen readers."""
    import io

    from django.core.files.images import ImageFile
    from PIL import Image as PILImage
    from wagtail.images import get_image_model

    settings.MEDIA_ROOT = tmp_path
    buffer = io.BytesIO()
    PILImage.new("RGB", (64, 36), (164, 22, 26)).save(buffer, "JPEG")
    return get_image_model().objects.create(
        title="photo.jpg", description="义诊现场", file=ImageFile(buffer, name="photo.jpg")
    )
