"""Finding where each story of an edition was printed, from the PDF's text layer.

Pure Python: the pages' characters with their boxes (bulletin.epaper.pdf) and the stories'
text in, pages and rectangles out.

The edition's text and the PDF's text differ in ways that do not matter: line breaks and
hyphenation, full- and half-width punctuation, spaces, the order the layout system wrote the
frames in. So both are reduced to letters and digits (NFKC: full-width forms fold to
half-width), and a story is recognised by runs of N_GRAM characters that occur in its text and in
no other story's. Each character of a page is claimed by the story one of its runs belongs to; a
short unclaimed gap between two characters of the same story (a changed word, a byline, a
phrase two stories share) is claimed by it too. The characters a story claims on a page are
grouped into lines, the lines into blocks (a column of text, a headline across columns), and
each block is one rectangle.
"""

import unicodedata
from collections import Counter, defaultdict
from dataclasses import dataclass, field

# Four characters are rarer than a word of Chinese and shorter than any line of a column.
N_GRAM = 4
# An unclaimed run this short between two characters of one story is that story's.
GAP = 8
# Fewer claimed characters on a page are chance matches, not a part of the story printed there.
MIN_PART = 10
# Unclaimed text shorter than this is page furniture: the folio, a page header, a caption.
MIN_UNMATCHED = 20
# A headline is type this much larger than the story's body text.
HEADLINE_SCALE = 1.3
PADDING = 2.0  # points around the glyphs, so that a region covers the ink


@dataclass
class StoryText:
    key: object  # the caller's identifier: a story's print order, a page's id
    title: str
    texts: list  # headline, subtitle, paragraphs, byline: everything printed


@dataclass
class Found:
    """A story on one page: how much of its text, and the rectangles (fractions, top left)."""

    key: object
    chars: int
    has_headline: bool
    regions: list = field(default_factory=list)


@dataclass
class PageLayout:
    number: int
    has_text_layer: bool
    stories: list = field(default_factory=list)  # of Found, in print order
    unmatched: list = field(default_factory=list)  # excerpts of text that matches no story


@dataclass
class Layout:
    pages: list
    # key -> the number of the page the story was printed on (its headline's, else most of it)
    story_pages: dict

    def not_found(self, stories):
        return [story for story in stories if story.key not in self.story_pages]


def normalize(text):
    """Letters and digits only, full-width folded, lower case: what print and text share."""
    return "".join(c for c in unicodedata.normalize("NFKC", text).lower() if c.isalnum())


def find_layout(pages, stories):
    """Where each of ``stories`` was printed on ``pages`` (bulletin.epaper.pdf.PageText)."""
    owners = _unique_ngrams(normalize("\n".join(story.texts)) for story in stories)
    headlines = [set(_ngrams(normalize(story.title))) for story in stories]
    layouts, spread = [], defaultdict(dict)
    for page in pages:
        layout = _page_layout(page, stories, owners, headlines)
        layouts.append(layout)
        for found in layout.stories:
            spread[found.key][page.number] = found
    story_pages = {}
    for key, parts in spread.items():
        # The headline's page; a headline printed nowhere (a brief has none) leaves the page
        # holding most of the story.
        story_pages[key] = max(parts, key=lambda number: (parts[number].has_headline, parts[number].chars))
    return Layout(layouts, story_pages)


def _ngrams(text):
    return [text[i : i + N_GRAM] for i in range(len(text) - N_GRAM + 1)] or ([text] if text else [])


def _unique_ngrams(texts):
    """n-gram -> index of the one story whose text holds it (n-grams two stories share are no clue)."""
    owner, shared = {}, set()
    for index, text in enumerate(texts):
        for gram in set(_ngrams(text)):
            if gram in owner:
                shared.add(gram)
            owner[gram] = index
    for gram in shared:
        del owner[gram]
    return owner


def _page_layout(page, stories, owners, headlines):
    layout = PageLayout(page.number, page.has_text_layer)
    # The page as one string of letters and digits, each pointing back at its character's box.
    letters, boxes = [], []
    for char in page.chars:
        for letter in normalize(char.text):
            letters.append(letter)
            boxes.append(char.box)
    text = "".join(letters)
    claimed = [None] * len(text)
    headline_hits = Counter()
    for start in range(len(text) - N_GRAM + 1):
        gram = text[start : start + N_GRAM]
        index = owners.get(gram)
        if index is None:
            continue
        if gram in headlines[index]:
            headline_hits[index] += 1
        for position in range(start, start + N_GRAM):
            if claimed[position] is None:
                claimed[position] = index
    _fill_gaps(claimed)

    by_story = defaultdict(list)
    unmatched_runs, run = [], []
    for position, index in enumerate(claimed):
        if index is None:
            run.append(position)
            continue
        by_story[index].append(boxes[position])
        if run:
            unmatched_runs.append(run)
            run = []
    if run:
        unmatched_runs.append(run)

    for index in sorted(by_story, key=lambda index: min(box[1] for box in by_story[index])):
        story_boxes = by_story[index]
        if len(story_boxes) < MIN_PART:
            continue
        headline = headline_hits[index] >= max(1, len(headlines[index]) // 2)
        layout.stories.append(
            Found(stories[index].key, len(story_boxes), headline, _regions(story_boxes, page.width, page.height))
        )
    for run in unmatched_runs:
        if len(run) >= MIN_UNMATCHED:
            layout.unmatched.append("".join(text[position] for position in run))
    return layout


def _fill_gaps(claimed):
    """Give a short unclaimed run between two characters of one story to that story."""
    last, last_owner = None, None
    for position, index in enumerate(claimed):
        if index is None:
            continue
        if last is not None and index == last_owner and 0 < position - last - 1 <= GAP:
            for gap in range(last + 1, position):
                claimed[gap] = index
        last, last_owner = position, index


def _regions(boxes, width, height):
    """Rectangles covering ``boxes`` (character boxes in stream order), as page fractions."""
    rects = []
    for block in _blocks(_lines(boxes)):
        x0, top, x1, bottom = block
        rects.append(
            [
                round(max(0.0, (x0 - PADDING) / width), 4),
                round(max(0.0, (top - PADDING) / height), 4),
                round(min(1.0, (x1 + PADDING) / width), 4),
                round(min(1.0, (bottom + PADDING) / height), 4),
            ]
        )
    return sorted(rects, key=lambda rect: (rect[0], rect[1]))


def _lines(boxes):
    """Runs of characters in stream order that sit on one line: [x0, top, x1, bottom, size]."""
    lines = []
    for x0, top, x1, bottom in boxes:
        size = max(bottom - top, x1 - x0, 0.1)
        if lines:
            line = lines[-1]
            middle = (top + bottom) / 2
            if line[1] <= middle <= line[3] and x0 >= line[2] - size and x0 - line[2] < 3 * size:
                _extend(line, x0, top, x1, bottom)
                line[4] = max(line[4], size)
                continue
        lines.append([x0, top, x1, bottom, size])
    return lines


def _blocks(lines):
    """Lines grouped into rectangles: each column of body text one, headlines apart."""
    if not lines:
        return []
    body_size = sorted(line[4] for line in lines)[len(lines) // 2]
    blocks = []  # [x0, top, x1, bottom, size, is_headline]
    for x0, top, x1, bottom, size in sorted(lines, key=lambda line: (line[1], line[0])):
        is_headline = size > HEADLINE_SCALE * body_size
        for block in blocks:
            overlap = min(x1, block[2]) - max(x0, block[0])
            if (
                block[5] == is_headline
                and overlap > 0.5 * min(x1 - x0, block[2] - block[0])
                and _follows(block, top, size)
            ):
                _extend(block, x0, top, x1, bottom)
                block[4] = max(block[4], size)
                break
        else:
            blocks.append([x0, top, x1, bottom, size, is_headline])
    return [block[:4] for block in _merged(blocks)]


def _follows(block, top, size):
    """Whether something starting at ``top`` comes right under ``block``: within a line or two."""
    return -size < top - block[3] < 2.5 * max(size, block[4])


def _extend(block, x0, top, x1, bottom):
    block[0], block[1] = min(block[0], x0), min(block[1], top)
    block[2], block[3] = max(block[2], x1), max(block[3], bottom)


def _merged(blocks):
    """A headline about as wide as the column right under it joins it: a one-column story is one
    rectangle; a headline across columns stays one of its own."""
    for upper in sorted(blocks, key=lambda block: block[1]):
        while upper in blocks and (lower := _joining(upper, blocks)):
            _extend(upper, *lower[:4])
            blocks.remove(lower)
    return blocks


def _joining(upper, blocks):
    for lower in blocks:
        overlap = min(upper[2], lower[2]) - max(upper[0], lower[0])
        widest = max(upper[2] - upper[0], lower[2] - lower[0])
        if lower is not upper and overlap > 0.8 * widest and _follows(upper, lower[1], lower[4]):
            return lower
    return None
