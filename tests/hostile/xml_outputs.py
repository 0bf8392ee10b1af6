"""The site's XML, fetched and parsed as a feed reader or a crawler would: every one must parse.

expat (behind xml.etree) refuses what XML 1.0 refuses: a control character, U+FFFE or U+FFFF
in the text is "not well-formed", and a 500 is no XML at all.
"""

import xml.etree.ElementTree as ET
from urllib.parse import urlsplit

from django.urls import reverse

from bulletin.topics.models import Topic

# What XML 1.0 cannot hold, as a story could be given it: the C0 control characters (tab, line
# feed and carriage return are allowed), the two non-characters, the two ends of the surrogates.
C0_CONTROLS = [chr(code) for code in range(0x20) if chr(code) not in "\t\n\r"]
NON_CHARACTERS = ["\ufffe", "\uffff"]
LONE_SURROGATES = ["\ud800", "\udfff"]

SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"


def code(character):
    """A parametrize id: U+000C."""
    return f"U+{ord(character):04X}"


def parsed(client, url):
    response = client.get(url)
    assert response.status_code == 200, f"{url} answered {response.status_code}"
    try:
        return ET.fromstring(response.content)
    except ET.ParseError as error:
        raise AssertionError(f"{url} is not well-formed XML: {error}") from None


def feed_titles(client, url):
    return [item.findtext("title") for item in parsed(client, url).iter("item")]


def feed_urls():
    """The site's feed and every public topic's."""

    return [reverse("stories:feed")] + [
        reverse("topics:feed", args=[slug])
        for slug in Topic.objects.with_public_stories().values_list("slug", flat=True)
    ]


def sitemap_documents(client):
    """/sitemap.xml and, if it is a sitemap index, each sitemap it lists, all parsed."""
    root = parsed(client, "/sitemap.xml")
    documents = [root]
    if root.tag == f"{SITEMAP}sitemapindex":
        for location in root.iter(f"{SITEMAP}loc"):
            parts = urlsplit(location.text)
            documents.append(parsed(client, parts.path + (f"?{parts.query}" if parts.query else "")))
    return documents


def assert_xml_outputs_parse(client):
    """Every feed and every sitemap page parses; returns {feed url: its item titles}."""
    titles = {url: feed_titles(client, url) for url in feed_urls()}
    sitemap_documents(client)
    return titles
