"""Fixtures for the 数字报's reader pages and region editor: pages are built by tests/newsroom.py."""

import pytest

from tests.newsroom import Newsroom


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    """Page images, thumbnails and PDFs go to a directory of the test's own."""
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


@pytest.fixture
def newsroom(db):
    return Newsroom()


@pytest.fixture
def printed(newsroom):
    """Edition 7 in two printed pages: a lead spanning two columns and a brief on 第1版, a story
    on 第2版, and a story printed on no page (it keeps the plain list)."""
    edition = newsroom.edition(7)
    lead = newsroom.article("区残联送康复器材", edition=edition, print_page="第1版")
    brief = newsroom.brief("消防冬季检查", edition=edition, print_page="第1版")
    inside = newsroom.article("政务大厅周末无休", edition=edition, print_page="第2版")
    loose = newsroom.article("编者按", edition=edition)
    first = newsroom.printed_page(
        edition,
        1,
        [(lead, (0.05, 0.05, 0.5, 0.4)), (lead, (0.5, 0.05, 0.95, 0.4)), (brief, (0.05, 0.45, 0.3, 0.6))],
    )
    second = newsroom.printed_page(edition, 2, [(inside, (0.1, 0.1, 0.9, 0.5))])
    return {
        "edition": edition,
        "lead": lead,
        "brief": brief,
        "inside": inside,
        "loose": loose,
        "first": first,
        "second": second,
    }
