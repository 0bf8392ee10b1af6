"""The site a request is for (bulletin.caching.sites): Wagtail's choice, without its queries."""

import datetime

import pytest
from bs4 import BeautifulSoup
from wagtail.models import Site
from wagtail.models.sites import get_site_for_hostname

from bulletin.caching import sites

pytestmark = pytest.mark.django_db

HOSTS = [
    ("localhost", 80),
    ("localhost", 8000),
    ("paper.example.cn", 80),
    ("paper.example.cn", 8080),
    ("paper.example.cn", 443),
    ("m.example.cn", 80),
    ("m.example.cn", 8443),
    ("unknown.example.cn", 80),
]


def wagtails_choice(hostname, port):
    try:
        return get_site_for_hostname(hostname, port).pk
    except Site.DoesNotExist:
        return None


def our_choice(hostname, port):
    site = sites.site_for(sites.all_sites(), hostname, port)
    return site and site.pk


@pytest.mark.parametrize("with_default", [True, False])
def test_the_same_site_as_wagtail_picks_for_every_host_and_port(newsroom, with_default):
    root = newsroom.index.get_parent()
    default = Site.objects.get(is_default_site=True)
    paper = Site.objects.create(hostname="paper.example.cn", port=80, root_page=root)
    paper_8080 = Site.objects.create(hostname="paper.example.cn", port=8080, root_page=newsroom.index)
    mobile = Site.objects.create(hostname="m.example.cn", port=443, root_page=newsroom.index)
    Site.objects.filter(pk=default.pk).update(is_default_site=with_default)
    choices = {host: (our_choice(*host), wagtails_choice(*host)) for host in HOSTS}
    assert all(ours == wagtails for ours, wagtails in choices.values()), choices
    # Every rule was used: name and port, a name on any port, the default site or none at all.
    assert {ours for ours, __ in choices.values()} == {
        paper.pk,
        paper_8080.pk,
        mobile.pk,
        default.pk if with_default else None,
    }


def test_a_new_site_is_served_at_once(client, newsroom):
    """Sites are read once per page-cache generation: adding or removing one starts another."""
    newsroom.article("社区义诊进万家")
    assert "社区义诊进万家" in client.get("/", HTTP_HOST="m.example.cn").content.decode()
    mobile = Site.objects.create(hostname="m.example.cn", port=80, root_page=newsroom.index)
    # The story index is that site's front page, and its stories' addresses start at /.
    response = client.get("/", HTTP_HOST="m.example.cn")
    assert response.context["page"].pk == newsroom.index.pk
    assert client.get("/", HTTP_HOST="localhost").context["page"].pk == newsroom.index.get_parent().pk
    mobile.delete()
    assert client.get("/", HTTP_HOST="m.example.cn").context["page"].pk == newsroom.index.get_parent().pk


def test_every_card_links_to_its_own_story(client, newsroom):
    """Cards build their addresses from their section's, worked out once per request."""
    stories = [newsroom.article(f"稿件{n}", date=datetime.date(2023, 11, n)) for n in range(1, 4)]
    stories.append(newsroom.brief("简讯", date=datetime.date(2023, 10, 30)))
    page = BeautifulSoup(client.get("/news/").content.decode(), "html.parser")
    links = {link.get_text(strip=True): link["href"] for link in page.select(".card__title a")}
    assert links == {story.title: f"/news/{story.date:%Y/%m/%d}/{story.pk}/" for story in stories}
    assert all(client.get(url).context["page"].title == title for title, url in links.items())
