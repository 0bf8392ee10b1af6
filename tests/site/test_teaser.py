"""A card's teaser reads a story's opening paragraphs only as far as the teaser reaches, and is
the same as truncating the whole text would give."""

import pytest
from django.utils.text import Truncator
from wagtail.rich_text import RichText

from bulletin.stories.models import ArticlePage, BriefPage
from bulletin.stories.templatetags.story_tags import teaser

# Building a page in memory looks up its content type.
pytestmark = pytest.mark.django_db

# Empty paragraphs, entities, tags, decomposed accents (combining marks Truncator does not
# count) and paragraphs that end just before, at and after the length.
PARAGRAPHS = [
    ["第一段。", "", "第二段&amp;<b>加粗</b>。"],
    ["短。", "e\u0301" * 60, "后面的段落。" * 10],
    ["甲" * 89, "乙"],
    ["甲" * 90, "乙"],
    ["甲" * 91],
    ["  前后有空格  ", "丙" * 200],
    [],
]


def whole_text_teaser(paragraphs, length):
    from html import unescape

    from django.utils.html import strip_tags

    return Truncator(" ".join(unescape(strip_tags(p)).strip() for p in paragraphs)).chars(length)


@pytest.mark.parametrize("paragraphs", PARAGRAPHS)
@pytest.mark.parametrize("length", [90, 160, 3])
def test_an_articles_teaser_is_its_whole_text_truncated(paragraphs, length):
    story = ArticlePage(title="稿件", body=[("paragraph", RichText(f"<p>{p}</p>")) for p in paragraphs])
    assert teaser(story, length) == whole_text_teaser(paragraphs, length)


@pytest.mark.parametrize("paragraphs", PARAGRAPHS)
def test_a_briefs_teaser_is_its_whole_text_truncated(paragraphs):
    lines = [p for p in paragraphs if "<" not in p and "&" not in p]
    story = BriefPage(title="简讯", body="\n".join(lines))
    assert teaser(story) == Truncator(" ".join(line.strip() for line in lines if line.strip())).chars(90)
