"""Test content built through Wagtail's own page APIs, shared by the site and search suites.

``Newsroom`` makes people, topics, editions and stories the way the admin would: pages are
added under the story index and published through a revision (or left as drafts), with
bylines, topics and corrections attached as the page's cluster children, so the page cache
and the search index follow the real signals.
"""

import datetime
import itertools

from wagtail.models import PageViewRestriction
from wagtail.rich_text import RichText

from bulletin.editions.models import Edition
from bulletin.people.models import Person
from bulletin.stories.models import ArticlePage, BriefPage, Byline, Correction, StoryIndexPage
from bulletin.topics.models import Topic

# What _add() takes; the rest of a story's keyword arguments are page fields.
ADD_OPTIONS = {"bylines", "topics", "corrections", "publish", "restricted"}


class Newsroom:
    """``story_date`` is the date of stories made without one (the page's own default: today)."""

    def __init__(self, story_date=None):
        self.index = StoryIndexPage.objects.get()
        self.counter = itertools.count(1)
        self.story_date = story_date

    def topic(self, name):
        return Topic.objects.get_or_create(name=name, defaults={"slug": name})[0]

    def person(self, name, unit="", **fields):
        return Person.objects.get_or_create(name=name, defaults={"unit": unit, **fields})[0]

    def edition(self, number, date=datetime.date(2023, 11, 28), **fields):
        return Edition.objects.get_or_create(number=number, defaults={"date": date, **fields})[0]

    def article(self, title="稿件", text="", **fields):
        fields.setdefault("body", [("paragraph", RichText(f"<p>{text or title}</p>"))])
        return self._add(ArticlePage(title=title, **self._page_fields(fields)), **fields)

    def notice(self, title="通知", text="", **fields):
        return self.article(title, text, is_notice=True, **fields)

    def brief(self, title="简讯", text="", **fields):
        fields.setdefault("body", text or title)
        return self._add(BriefPage(title=title, **self._page_fields(fields)), **fields)

    def _page_fields(self, fields):
        page_fields = {key: value for key, value in fields.items() if key not in ADD_OPTIONS}
        page_fields.setdefault("slug", f"story-{next(self.counter)}")
        if self.story_date:
            page_fields.setdefault("date", self.story_date)
        return page_fields

    def _add(self, page, bylines=(), topics=(), corrections=(), publish=True, restricted=False, **_):
        """``bylines`` are (person or name, role); ``topics`` are topics or names."""
        for person, role in bylines:
            page.bylines.add(Byline(person=person if isinstance(person, Person) else self.person(person), role=role))
        for topic in topics:
            page.topics.add(topic if isinstance(topic, Topic) else self.topic(topic))
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
