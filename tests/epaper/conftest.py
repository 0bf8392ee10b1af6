"""The test edition: the seed edition's text printed on pages whose story boxes are known
(tests/epaper/printing.py), a MEDIA_ROOT of the test's own for the page files, and the commands."""

import pytest

from bulletin.importing.edition_parser import parse_edition
from tests.conftest import SEED_EDITION
from tests.epaper.printing import Printer, column, half_width, joined, photo, scan_page

SEED_DATE = "2023-11-28"
BRIEFS_TOP = 88


def print_edition():
    """The seed edition's 14 stories on pages 1-3; page 4 is page 1 scanned (no text layer).

    Page 1: story 1 under a headline across two columns, its text in both, story 3 below it;
    stories 2 (printed with half-width punctuation and extra spaces) in column 3; the briefs
    column. Page 2: a photo, story 4 under it across two columns; story 5 in columns 3 and 4
    under a one-column headline. Page 3: one story a column, the first under a column name (栏目).
    Returns the PDF and tests.epaper.printing.Printed.
    """
    printer = Printer(parse_edition(SEED_EDITION.read_text(encoding="utf-8")).stories)

    printer.new_page()
    printer.story(1, [column(0, top=100, bottom=640), column(1, top=100, bottom=640)], wide_headline=column(0, span=2))
    printer.story(2, [column(2)], transform=half_width)
    printer.story(3, [column(0, top=680)])
    printer.text(column(3)[0], BRIEFS_TOP, "简讯", 14)
    end = BRIEFS_TOP
    for order in range(10, 15):
        end = printer.story(order, [column(3, top=end + 12)])

    printer.new_page()
    printer.image(column(0, top=70, bottom=330, span=2), photo())
    printer.story(4, [column(0, top=380), column(1, top=380)], wide_headline=column(0, top=345, span=2))
    printer.story(5, [column(2, bottom=600), column(3, bottom=600)])

    printer.new_page()
    for index, order in enumerate((6, 7, 8, 9)):
        printer.story(order, [column(index)])

    pages = printer.pdf()
    return joined(pages, scan_page(pages)), printer.printed


@pytest.fixture(scope="session")
def printed_edition():
    return print_edition()


@pytest.fixture
def edition_pdf(printed_edition, tmp_path):
    path = tmp_path / "edition.pdf"
    path.write_bytes(printed_edition[0])
    return path


@pytest.fixture
def printed(printed_edition):
    return printed_edition[1]


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT
