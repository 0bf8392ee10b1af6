"""The one way tests build content and accounts, through Wagtail's own page APIs.

``Newsroom`` makes people, topics, editions and stories the way the admin would: pages are
added under the story index and published through a revision (or left as drafts, scheduled,
set to expire, restricted), with bylines, topics and corrections attached as the page's
cluster children, so the page cache and the search index follow the real signals.
``make_user`` makes an account in one of the newsroom's roles (bulletin/workflow/roles.py).

Printed pages of the 数字报 (``printed_page()``) are what the importer would leave: a page image
and thumbnail (drawn here with Pillow, each region a grey block) and a one-page PDF, written to
the default storage (point MEDIA_ROOT at a temporary directory), with the stories' regions.
"""

import datetime
import io
import itertools

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.files.base import ContentFile
from django.test import Client
from PIL import Image, ImageDraw
from wagtail.models import PageViewRestriction
from wagtail.rich_text import RichText

from bulletin.editions.models import Edition
from bulletin.epaper.models import PrintedPage, StoryRegion
from bulletin.people.models import Person
from bulletin.stories.models import ArticlePage, BriefPage, Byline, Correction, StoryIndexPage
from bulletin.topics.models import Topic

# What _add() takes; the rest of a story's keyword arguments are page fields (go_live_at,
# expire_at, owner … included).
ADD_OPTIONS = {"bylines", "topics", "corrections", "publish", "restricted", "password"}

# Every test account's password.
PASSWORD = "newsroom-pass-2023"


def make_user(username, role=None, **fields):
    """An account in ``role`` (a group of bulletin.workflow.roles), with an e-mail address as real ones have."""
    fields.setdefault("first_name", username)
    user = get_user_model().objects.create_user(username, f"{username}@example.cn", PASSWORD, **fields)
    if role:
        user.groups.add(Group.objects.get(name=role))
    return user


def client_for(user):
    """A test client logged in as ``user``."""
    client = Client()
    client.force_login(user)
    return client


class Newsroom:
    """``story_date`` is the date of stories made without one (the page's own default: today)."""

    # Shared by every Newsroom, so stories made by two of them in one test never share a slug.
    slug_numbers = itertools.count(1)

    def __init__(self, story_date=None):
        self.index = StoryIndexPage.objects.get()
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
        page_fields.setdefault("slug", f"story-{next(self.slug_numbers)}")
        if self.story_date:
            page_fields.setdefault("date", self.story_date)
        return page_fields

    def _add(self, page, bylines=(), topics=(), corrections=(), publish=True, restricted=None, password="secret", **_):
        """``bylines`` are (person or name, role); ``topics`` are topics or names.

        ``restricted``: "password" (or True), "login", or the groups allowed to read the story.
        A story with a future go_live_at is scheduled by its publish, as the admin does.
        """
        # Numbered as the admin's ordered panel numbers them: without it PostgreSQL may return them in any order.
        for order, (person, role) in enumerate(bylines):
            person = person if isinstance(person, Person) else self.person(person)
            page.bylines.add(Byline(person=person, role=role, sort_order=order))
        for topic in topics:
            page.topics.add(topic if isinstance(topic, Topic) else self.topic(topic))
        for correction in corrections:
            page.corrections.add(Correction(**correction))
        page.live = False  # live only once a revision is published, as in the admin
        self.index.add_child(instance=page)
        revision = page.save_revision(user=page.owner)
        if publish:
            revision.publish()
        page.refresh_from_db()
        if restricted:
            self.restrict(page, restricted, password)
        return page

    def restrict(self, page, restricted, password="secret"):
        if restricted in (True, "password"):
            PageViewRestriction.objects.create(
                page=page, restriction_type=PageViewRestriction.PASSWORD, password=password
            )
        elif restricted == "login":
            PageViewRestriction.objects.create(page=page, restriction_type=PageViewRestriction.LOGIN)
        else:
            restriction = PageViewRestriction.objects.create(page=page, restriction_type=PageViewRestriction.GROUPS)
            restriction.groups.set(restricted)

    def printed_page(self, edition, number=1, regions=(), width=595.0, height=842.0, has_text_layer=True):
        """Page ``number`` of ``edition``; ``regions`` are (story, (x0, y0, x1, y1)) in page fractions."""
        page = PrintedPage(edition=edition, number=number, width=width, height=height, has_text_layer=has_text_layer)
        boxes = [box for __, box in regions]
        page.image.save("page.png", ContentFile(page_image(width, height, boxes)), save=False)
        thumbnail = page_image(width / 4, height / 4, boxes)
        page.thumbnail.save("thumbnail.png", ContentFile(thumbnail), save=False)
        page.pdf.save("page.pdf", ContentFile(one_page_pdf(width, height)), save=False)
        page.save()
        for story, (x0, y0, x1, y1) in regions:
            StoryRegion.objects.create(page=page, story=story, x0=x0, y0=y0, x1=x1, y1=y1)
        return page


def page_image(width, height, boxes):
    """A PNG of a page: white, each box a grey block where a story was printed."""
    image = Image.new("RGB", (round(width), round(height)), "white")
    draw = ImageDraw.Draw(image)
    for x0, y0, x1, y1 in boxes:
        draw.rectangle([x0 * width, y0 * height, x1 * width, y1 * height], fill=(200, 200, 200))
    buffer = io.BytesIO()
    image.save(buffer, "PNG")
    return buffer.getvalue()


def one_page_pdf(width, height):
    """The smallest valid PDF of one empty page ``width`` × ``height`` points, with its xref table."""
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        f"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 {width:g} {height:g}] >>".encode(),
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += f"{number} 0 obj\n".encode() + body + b"\nendobj\n"
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    out += b"".join(f"{offset:010d} 00000 n \n".encode() for offset in offsets)
    out += f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode()
    return bytes(out)
