"""Reading sitemap.xml as a crawler does: the index, then every sitemap page it lists."""

import xml.etree.ElementTree as ET
from urllib.parse import urlsplit

NS = {"sm": "http://www.sitemaps.org/schemas/sitemap/0.9"}


def local(url):
    """The path and query of an absolute sitemap URL, for the test client."""
    parts = urlsplit(url)
    return f"{parts.path}?{parts.query}" if parts.query else parts.path


def sitemap_pages(client, index_url="/sitemap.xml"):
    """The absolute URLs of the sitemap pages the index lists."""
    response = client.get(index_url)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/xml")
    return [loc.text for loc in ET.fromstring(response.content).findall("sm:sitemap/sm:loc", NS)]


def page_locations(client, page_url):
    response = client.get(local(page_url))
    assert response.status_code == 200, page_url
    return [loc.text for loc in ET.fromstring(response.content).findall("sm:url/sm:loc", NS)]


def sitemap_locations(client):
    """Every URL of every sitemap page, in the order the index and its pages give them."""
    return [location for page in sitemap_pages(client) for location in page_locations(client, page)]
