"""Test content built through Wagtail's own page APIs, shared by the site and search suites.

``Newsroom`` makes people, topics, editions and stories the way the admin would: pages are
added under the story index and published through a revision (or left as drafts), with
bylines, topics and corrections attached as the page's cluster children, so the page cache
and the search index follow the real signals.

Printed pages of the 数字报 (``printed_page()``) are what the importer would leave: a page image
and thumbnail (drawn here with Pillow, each region a grey block) and a one-page PDF, written to
the default storage (point MEDIA_ROOT at a temporary directory), with the stories' regions.
"""

import datetime
import io
import itertools

from django.core.files.base import ContentFile
from PIL import Image, ImageDraw
from wagtail.models import PageViewRestriction
from wagtail.rich_text import RichText

from bulletin.editions.models import Edition
from bulletin.epaper.models import PrintedPage, StoryRegion
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


    def printed_page(self, edition, number=1, regions=(), width=595.0, height=842.0, has_text_layer=True):
        """Page ``number`` of ``edition``; ``regions`` are (story, (x0, y0, x1, y1)) in page fractions."""
        page = PrintedPage(
            edition=edition, number=number, width=width, height=height, has_text_layer=has_text_layer
        )
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
