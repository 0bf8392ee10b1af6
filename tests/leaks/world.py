"""A small newsroom in which every kind of story readers must not see sits beside public ones.

Every story's title and text carry SHARED_WORD (so one search finds them all) and the marker of
its kind, an ASCII word no other marker contains. A reader response leaks a kind when its
marker is in it. Each kind exists as an article (头条, so the home page's lead slot is tempted),
a notice and a brief, so every list is tried.

Hidden stories also belong to a topic, a person and an edition that have no public story
(HIDDEN_TOPIC, HIDDEN_PERSON, HIDDEN_EDITION): those must not appear anywhere either. Their
edition is newer than the public one, so "latest edition" on the home page is tempted too.
Public stories are dated PUBLIC_DAY; hidden ones HIDDEN_DAY, a month with nothing public.
"""

import datetime

from django.contrib.auth.models import Group
from django.utils import timezone
from wagtail.rich_text import RichText

from bulletin.editions.models import Edition
from bulletin.people.models import Person
from bulletin.stories.models import Byline
from bulletin.topics.models import Topic
from tests.newsroom import Newsroom

SHARED_WORD = "泄漏检查"
PUBLIC_DAY = datetime.date(2023, 11, 28)
HIDDEN_DAY = datetime.date(2019, 3, 15)

PUBLIC = "leakpublic"  # published, public: must show everywhere it belongs
LIVE_VERSION = "leaklive"  # the published version of a story that has a newer, unpublished one

# The kinds of story readers must never see, by marker.
DRAFT = "leakdraft"  # saved, never published
UNPUBLISHED = "leakwithdrawn"  # published, then unpublished
SCHEDULED = "leakscheduled"  # published with a go-live time still to come
EXPIRED = "leakexpiry"  # past its expiry time; publish_scheduled has not run yet
LAPSED = "leaklapsed"  # past its expiry time and taken down by publish_scheduled
LOGIN = "leaklogin"  # live, but only for logged-in users
PASSWORD = "leakpassword"  # live, but only with the page's password
GROUP = "leakgroup"  # live, but only for the members of a group
DRAFT_REVISION = "leakrevision"  # a newer draft of a live story (title, text, topic, byline, date)
SCHEDULED_REVISION = "leakfuturerev"  # a newer version of a live story, scheduled for later

HIDDEN = [DRAFT, UNPUBLISHED, SCHEDULED, EXPIRED, LAPSED, LOGIN, PASSWORD, GROUP, DRAFT_REVISION, SCHEDULED_REVISION]
HIDDEN_TOPIC = "leaktopicx"
HIDDEN_PERSON = "leakpersonx"
HIDDEN_EDITION_TITLE = "leakeditionx"
HIDDEN_EDITION = 9101
PUBLIC_EDITION = 9100
PASSWORD_VALUE = "secret-words"

# Everything that must never reach a reader.
SECRETS = [*HIDDEN, HIDDEN_TOPIC, HIDDEN_PERSON, HIDDEN_EDITION_TITLE]

TYPES = ["article", "notice", "brief"]


class World:
    """What build() made, for the tests to look things up."""

    def __init__(self):
        self.stories = {}  # (marker, type) -> page
        self.public_topic = None
        self.hidden_topic = None
        self.public_person = None
        self.hidden_person = None
        self.public_edition = None
        self.hidden_edition = None
        self.group = None  # the only readers of the GROUP stories

    def story(self, marker, kind="article"):
        return self.stories[marker, kind]

    @property
    def public_count(self):
        return sum(1 for marker, __ in self.stories if marker in (PUBLIC, DRAFT_REVISION, SCHEDULED_REVISION))


def text_for(marker, kind):
    return f"{SHARED_WORD} {marker} {kind}"


def body_for(marker, kind):
    return f"{text_for(marker, kind)} 正文：区里开展{SHARED_WORD}。"


def add_story(world, newsroom, kind, marker, *, topic, person, publish=True, restricted=None, **fields):
    """A story of ``kind`` carrying ``marker``; articles are 头条, so the home page's lead slot is tempted."""
    make = {"article": newsroom.article, "notice": newsroom.notice, "brief": newsroom.brief}[kind]
    if kind == "article":
        fields["featured"] = True
    fields.setdefault("slug", f"{marker}-{kind}")
    page = make(
        text_for(marker, kind),
        body_for(marker, kind),
        bylines=[(person, "记者")],
        topics=[topic],
        publish=publish,
        restricted=restricted,
        password=PASSWORD_VALUE,
        **fields,
    )
    world.stories[marker, kind] = page
    return page


def revise(page, marker, kind, *, topic, person, date):
    """A newer version of ``page`` with a new title, text, topic, byline and date, not published."""
    draft = page.get_latest_revision_as_object()
    draft.title = text_for(marker, kind)
    body = body_for(marker, kind)
    draft.body = body if kind == "brief" else [("paragraph", RichText(f"<p>{body}</p>"))]
    draft.date = date
    draft.topics.add(topic)
    draft.bylines.add(Byline(person=person, role="通讯员"))
    return draft


def build():
    now = timezone.now()
    world = World()
    newsroom = Newsroom()
    world.group = Group.objects.create(name="泄漏检查小组")
    world.public_topic = Topic.objects.create(name="泄漏公开专题", slug="leak-public-topic")
    world.hidden_topic = Topic.objects.create(name=HIDDEN_TOPIC, slug=HIDDEN_TOPIC)
    world.public_person = Person.objects.create(name="泄漏公开记者", slug="leak-public-person")
    world.hidden_person = Person.objects.create(name=HIDDEN_PERSON, slug=HIDDEN_PERSON)
    world.public_edition = Edition.objects.create(number=PUBLIC_EDITION, date=PUBLIC_DAY)
    world.hidden_edition = Edition.objects.create(
        number=HIDDEN_EDITION, date=PUBLIC_DAY + datetime.timedelta(days=7), title=HIDDEN_EDITION_TITLE
    )
    public = {
        "topic": world.public_topic,
        "person": world.public_person,
        "edition": world.public_edition,
        "date": PUBLIC_DAY,
    }
    hidden = {
        "topic": world.hidden_topic,
        "person": world.hidden_person,
        "edition": world.hidden_edition,
        "date": HIDDEN_DAY,
    }

    for kind in TYPES:
        add_story(world, newsroom, kind, PUBLIC, **public)

        add_story(world, newsroom, kind, DRAFT, publish=False, **hidden)
        add_story(world, newsroom, kind, UNPUBLISHED, **hidden).unpublish()
        add_story(world, newsroom, kind, SCHEDULED, go_live_at=now + datetime.timedelta(days=2), **hidden)
        add_story(world, newsroom, kind, EXPIRED, expire_at=now - datetime.timedelta(minutes=5), **hidden)
        add_story(world, newsroom, kind, LAPSED, expire_at=now - datetime.timedelta(days=1), **hidden).unpublish(
            set_expired=True
        )
        add_story(world, newsroom, kind, LOGIN, restricted="login", **hidden)
        add_story(world, newsroom, kind, PASSWORD, restricted="password", **hidden)
        add_story(world, newsroom, kind, GROUP, restricted=[world.group], **hidden)

        # Stories with a newer version readers must not see yet. Their slugs carry no marker:
        # the live version is public, URL included.
        live = add_story(world, newsroom, kind, LIVE_VERSION, slug=f"revised-{kind}", **public)
        revise(
            live, DRAFT_REVISION, kind, topic=world.hidden_topic, person=world.hidden_person, date=HIDDEN_DAY
        ).save_revision()
        world.stories[DRAFT_REVISION, kind] = world.stories.pop((LIVE_VERSION, kind))

        live = add_story(world, newsroom, kind, LIVE_VERSION, slug=f"rescheduled-{kind}", **public)
        scheduled = revise(
            live, SCHEDULED_REVISION, kind, topic=world.hidden_topic, person=world.hidden_person, date=HIDDEN_DAY
        )
        scheduled.go_live_at = now + datetime.timedelta(days=2)
        scheduled.save_revision().publish()
        world.stories[SCHEDULED_REVISION, kind] = world.stories.pop((LIVE_VERSION, kind))
    return world
