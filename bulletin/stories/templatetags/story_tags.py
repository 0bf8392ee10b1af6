"""Template helpers for rendering stories the way the printed paper does."""

import html
import unicodedata
from functools import lru_cache

import segno
from django import template
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.dateformat import format as format_date
from django.utils.html import escape, strip_tags
from django.utils.safestring import mark_safe
from django.utils.text import Truncator, slugify

from bulletin.caching import pagecache
from bulletin.people.models import Role
from bulletin.stories.models import ArticlePage
from bulletin.topics.models import Topic

register = template.Library()


@register.inclusion_tag("includes/byline.html")
def byline(story):
    """A print-style byline: "(记者 王明玥 通讯员 崔惠霞 冀市里)".

    Consecutive people with the same role share one role word, as in print.
    """
    return {"groups": story.byline_groups()}


@register.filter
def teaser(story, length=90):
    """A short plain-text opening for a story card.

    Reads an article's paragraphs from the raw StreamField data: converting the whole body
    would look up every image block's image, a query per story in a list.
    """
    if story.search_description:
        return story.search_description
    if isinstance(story, ArticlePage):
        paragraphs = (
            html.unescape(strip_tags(block["value"])) for block in story.body.raw_data if block["type"] == "paragraph"
        )
    else:
        paragraphs = story.body_paragraphs()
    return Truncator(opening(paragraphs, length)).chars(length)


def opening(paragraphs, length):
    """The paragraphs joined by spaces, up to the first that takes the text past ``length``
    characters as Truncator counts them: what follows cannot change the teaser, and stripping
    the tags of a whole body was most of what a card cost."""
    stripped = []
    for paragraph in paragraphs:
        stripped.append(paragraph.strip())
        text = " ".join(stripped)
        if len(text) > length and visible_length(text) > length:
            break
    return " ".join(stripped)


def visible_length(text):
    # Truncator.chars counts the characters of the NFC form that are not combining marks.
    return sum(not unicodedata.combining(char) for char in unicodedata.normalize("NFC", text))


@register.filter
def news_date(value):
    """A date as readers of Chinese news sites expect it: "11月28日" this year, "2023年11月28日"
    before. The one format for dates in lists and on stories."""
    if not value:
        return ""
    same_year = value.year == timezone.localdate().year
    return format_date(value, "n月j日" if same_year else "Y年n月j日")


@register.filter
def photo_credit(story):
    """Who took a story's lead image: "图/新华社" as the editor typed it, else the byline's 摄影
    ("摄影 王浩 李立营"), else nothing."""
    if getattr(story, "lead_image_credit", ""):
        return f"图/{story.lead_image_credit}"
    groups = story.byline_groups()
    photographers = [person.name for role, people in groups if role == Role.PHOTOGRAPHER for person in people]
    return f"摄影 {' '.join(photographers)}" if photographers else ""


@register.filter
def roles_of(story, person):
    """The roles ``person`` had on ``story`` (usually one), in byline order."""
    return list(dict.fromkeys(b.role for b in story.ordered_bylines() if b.person_id == person.pk))


@register.filter
def print_page_anchor(print_page):
    """The id of a print page's section on the edition page ("第2版" → "page-第2版")."""
    return f"page-{slugify(print_page, allow_unicode=True) or 'other'}"


@register.simple_tag
def topic_nav(current=None):
    """Links to every public topic; ``current`` is marked as the page the reader is on."""

    # The same HTML in the sidebar of nearly every page, and its counts take a query over the
    # stories: rendered once per publish for all pages and workers, once per marked topic.
    def render():
        return render_to_string(
            "includes/topic_nav.html", {"topics": Topic.objects.with_public_stories(), "current": current}
        )

    return mark_safe(pagecache.memoize(f"topic-nav:{current.pk if current else ''}", render))


@register.simple_tag
def qr_code(url, label):
    """``url`` as a QR code: an inline SVG image named ``label`` for screen readers."""
    return mark_safe(_qr_svg(url, label))


@lru_cache(maxsize=512)
def _qr_svg(url, label):
    # The same story's code on every view of it: drawn once per process (a few milliseconds).
    svg = segno.make(url, error="m").svg_inline(scale=3, title=label, svgclass="share__qr-code")
    return svg.replace("<svg ", f'<svg role="img" aria-label="{escape(label)}" ', 1)
