"""Generated page numbers, slugs and path parts thrown at the reader pages: never a 500.

A list page takes any ?page=: a malformed one is the first page, a number past the last page a 404;
an unknown topic, person, edition, month or story is a 404.
"""

from urllib.parse import quote

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from .strategies import number, slug

pytestmark = pytest.mark.django_db

LISTS = [
    "/",
    "/news/",
    "/notices/",
    "/briefs/",
    "/archive/",
    "/archive/2023/11/",
    "/topics/",
    "/topics/hostile-topic/",
    "/people/",
    "/people/hostile-person/",
    "/editions/",
    "/editions/7001/",
    "/feed/",
    "/topics/hostile-topic/feed/",
    "/sitemap.xml",
]


# The lists that are paginated; the world has far fewer than a million pages of anything.
PAGINATED = {
    "/news/",
    "/notices/",
    "/briefs/",
    "/archive/2023/11/",
    "/topics/hostile-topic/",
    "/people/",
    "/people/hostile-person/",
    "/editions/",
}


@given(path=st.sampled_from(LISTS), page=number, extra=st.dictionaries(slug, slug, max_size=3))
def test_a_page_number_is_a_page_or_not_found(path, page, extra, site_world, reader):
    extra = {name: value for name, value in extra.items() if name.lower() != "page"}
    response = reader.get(path, {**extra, "page": page})
    try:
        number = int(page)  # as the list reads it
    except ValueError:
        number = None
    if number is None or path not in PAGINATED:  # read as no number at all
        assert response.status_code == reader.get(path, extra).status_code
    elif number < 1 or number > 10**6:
        assert response.status_code == 404
    else:
        assert response.status_code in (200, 404)


@given(
    pattern=st.sampled_from(["/topics/{}/", "/topics/{}/feed/", "/people/{}/", "/news/{}/", "/editions/{}/"]),
    value=st.one_of(slug, number),
)
# A NUL byte, which PostgreSQL refuses in any query, once got as far as the database (a 500).
@example(pattern="/topics/{}/", value="\x00")
@example(pattern="/topics/{}/feed/", value="a\x00")
@example(pattern="/people/{}/", value="\x00")
@example(pattern="/editions/{}/", value="9" * 40)
def test_any_slug_or_number_in_a_path_is_answered_without_an_error(pattern, value, site_world, reader):
    # An empty value leaves the list page itself ("/news//" is /news/), and a generated value
    # may name a real topic or edition, so a page or a redirect is a fine answer too.
    response = reader.get(pattern.format(quote(value, safe="")))
    assert response.status_code in (200, 301, 302, 404)


@pytest.mark.parametrize("pattern", ["/topics/{}/", "/topics/{}/feed/", "/people/{}/", "/news/{}/", "/editions/{}/"])
@pytest.mark.parametrize("value", ["no-such-slug", "不存在", "123456789", "a%00b", "..", "x" * 300])
def test_unknown_slugs_and_numbers_are_not_found(pattern, value, site_world, reader):
    assert reader.get(pattern.format(quote(value, safe=""))).status_code == 404


@given(year=number, month=number)
def test_any_archive_month_is_a_page_or_not_found(year, month, site_world, reader):
    response = reader.get(f"/archive/{quote(year, safe='')}/{quote(month, safe='')}/")
    assert response.status_code in (200, 404)
