"""The leak world's 数字报: printed pages on which every story of world.py, hidden or not, has a
region, so a page view, crop or link that forgets to ask what readers may see shows a marker."""

import tempfile

from django.test import override_settings

from tests.newsroom import Newsroom


def add_printed_pages(world):
    """Two pages of the public edition sharing every story between them, and a page of the
    hidden edition. Returns the public edition's pages."""
    stories = list(world.stories.values())
    half = len(stories) // 2
    # Only the files are written there; the pages' URLs do not depend on MEDIA_ROOT.
    with tempfile.TemporaryDirectory() as media, override_settings(MEDIA_ROOT=media):
        newsroom = Newsroom()
        pages = [
            newsroom.printed_page(world.public_edition, number, regions=in_a_grid(part))
            for number, part in ((1, stories[:half]), (2, stories[half:]))
        ]
        newsroom.printed_page(world.hidden_edition, 1, regions=in_a_grid(stories))
    return pages


def in_a_grid(stories):
    """A region per story, in rows of four."""
    return [
        (story, (column / 4, row / 20, (column + 1) / 4, (row + 1) / 20))
        for row, column, story in ((i // 4, i % 4, story) for i, story in enumerate(stories))
    ]
