"""Building story pages in memory from imported text: body blocks, bylines, topics, slugs.

Both importers use these; they differ only in how the pages reach the database (Wagtail's
add_child and revision publish for an edition, a bulk insert for the archive).
"""

import hashlib
import json

from django.utils.html import escape
from wagtail.rich_text import RichText

from bulletin.people.models import Person
from bulletin.slugs import unique_slug
from bulletin.stories.models import ArticlePage, BriefPage, Byline, StoryTopic
from bulletin.topics.models import Topic
from search.text import WholeWords

# Wagtail would use the whole headline; percent-encoded Chinese is nine bytes a character,
# so story URLs keep the first 60.
SLUG_LENGTH = 60


class ImportFailed(Exception):
    """Input that cannot be imported; the message says where and why."""


def body_stream(paragraphs):
    """StreamField content for (block type, text) pairs. Text is escaped: imported HTML stays text."""
    return [
        ("paragraph", RichText(f"<p>{escape(text)}</p>")) if kind == "paragraph" else ("subheading", text)
        for kind, text in paragraphs
    ]


def located(where, message):
    return f"{where}: {message}" if where else message


def fingerprint(data):
    """A stable hash of what an import item says, to notice when a re-imported source changed."""
    return hashlib.sha256(json.dumps(data, ensure_ascii=False, sort_keys=True, default=str).encode()).hexdigest()


class People:
    """One Person record per name across all imports: found by name, created on first use."""

    def __init__(self, warn):
        self.warn = warn  # warn(where, message)
        self.by_name = {}

    def get(self, name, where=""):
        """The person called ``name``; ``where`` (e.g. "第 12 行") is passed on with a warning."""
        if name not in self.by_name:
            namesakes = list(Person.objects.filter(name=name).order_by("pk")[:2])
            if not namesakes:
                person, __ = Person.objects.get_or_create(name=name, unit="")
            else:
                person = namesakes[0]
                if len(namesakes) > 1:
                    self.warn(
                        where,
                        f"有多位人员叫 {name}，署名用了最早建立的一位：{person}（#{person.pk}）。如果不是这位，"
                        "请在管理后台“页面 → 新闻”中打开这篇稿件修改“署名”；重名的人员可在“人员”中用“单位”区分",
                    )
            self.by_name[name] = person
        return self.by_name[name]

    def bylines(self, bylines, where=""):
        """Byline rows, in print order, for (name, role) pairs."""
        return [
            Byline(person=self.get(name, where), role=role, sort_order=order)
            for order, (name, role) in enumerate(bylines)
        ]


class Topics:
    """The newsroom's topics, loaded once: matched against story text, or looked up by name."""

    def __init__(self, warn=None):
        self.warn = warn  # warn(where, message)
        self.all = list(Topic.objects.all())
        self.by_name = {topic.name.casefold(): topic for topic in self.all}

    def matching(self, text):
        """The topics whose name or keywords ``text`` holds as whole words (see Topic.matches)."""
        words = WholeWords(text)
        return [topic for topic in self.all if topic.matches(words)]

    def named(self, name, where=""):
        """The topic called ``name`` (case-insensitive, as taggit compares), created if missing."""
        key = name.casefold()
        if key not in self.by_name:
            topic = Topic.objects.filter(name__iexact=name).first()
            if topic is None:
                topic = Topic.objects.create(name=name)
                if self.warn:
                    self.warn(where, f"新建了专题 {name}")
            self.by_name[key] = topic
            self.all.append(topic)
        return self.by_name[key]


class Slugs:
    """Unique slugs among the stories under one index page, handed out without a query each."""

    def __init__(self, index_page):
        self.taken = set(index_page.get_children().values_list("slug", flat=True))

    def allocate(self, title):
        slug = unique_slug(title, self.taken.__contains__, max_length=SLUG_LENGTH, fallback="story")
        self.taken.add(slug)
        return slug


def add_with_wagtail(parent, page, publish):
    """Add ``page`` under ``parent`` as the admin's create view does: a draft, its first revision,
    then, to publish, that revision's publish (which fires the published signals)."""
    page.live = False
    parent.add_child(instance=page)
    revision = page.save_revision()
    if publish:
        revision.publish()
    return revision


def article_page(*, title, paragraphs, date, people, bylines=(), topics=(), where="", **fields):
    """An unsaved ArticlePage; ``paragraphs`` are (block type, text) pairs, ``where`` names the
    source (e.g. "第 12 行") in warnings, ``topics`` are (topic, StoryTopic.AddedBy) pairs."""
    page = ArticlePage(title=title, draft_title=title, date=date, body=body_stream(paragraphs), **fields)
    _attach(page, people, bylines, topics, where)
    return page


def brief_page(*, title, paragraphs, date, people, bylines=(), topics=(), where="", **fields):
    page = BriefPage(
        title=title, draft_title=title, date=date, body="\n".join(text for __, text in paragraphs), **fields
    )
    _attach(page, people, bylines, topics, where)
    return page


def _attach(page, people, bylines, topics, where):
    # modelcluster keeps these in memory until the page is saved, and in its revisions.
    page.bylines = people.bylines(bylines, where)
    page.topic_items = [StoryTopic(tag=topic, added_by=added_by) for topic, added_by in dict(topics).items()]


def tagged(named, matched):
    """(topic, added_by) pairs: topics the source names, then those only keywords found."""
    pairs = {topic: StoryTopic.AddedBy.EDITOR for topic in named}
    for topic in matched:
        pairs.setdefault(topic, StoryTopic.AddedBy.KEYWORD)
    return list(pairs.items())
