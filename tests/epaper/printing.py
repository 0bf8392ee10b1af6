"""PDFs printed for the tests with reportlab, each story in frames the test chose, so the boxes
it truly covers are known: the truth the importer's regions are measured against.

The text is the seed edition's (demo/edition-2023-11-28.txt), printed as a layout system would:
headline, subtitle, paragraphs indented two characters, the byline in brackets, lines broken
anywhere, in STSong-Light (pdfium reads it back exactly, renders it with fonts-noto-cjk).
"""

import io
from dataclasses import dataclass, field

import pypdfium2 as pdfium
from PIL import Image, ImageDraw
from reportlab.lib.utils import ImageReader
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.cidfonts import UnicodeCIDFont
from reportlab.pdfgen import canvas

FONT = "STSong-Light"
WIDTH, HEIGHT = 842, 1191  # A3, in points
MARGIN, GUTTER = 40, 14
COLUMN = (WIDTH - 2 * MARGIN - 3 * GUTTER) / 4
BODY, LEADING = 9, 13.5
HEADLINE = 18
TOP = 70  # below the page header


def column(index, top=TOP, bottom=HEIGHT - MARGIN, span=1):
    """Frame of the index-th column (0-3), ``span`` columns wide: [x0, top, x1, bottom], top left origin."""
    x0 = MARGIN + index * (COLUMN + GUTTER)
    return [x0, top, x0 + span * COLUMN + (span - 1) * GUTTER, bottom]


@dataclass
class Printed:
    """Where each story went: story order -> (page number, [true boxes in points, top left])."""

    stories: dict = field(default_factory=dict)

    def fractions(self, order):
        page, boxes = self.stories[order]
        return page, [[x0 / WIDTH, y0 / HEIGHT, x1 / WIDTH, y1 / HEIGHT] for x0, y0, x1, y1 in boxes]


class Printer:
    def __init__(self, stories):
        pdfmetrics.registerFont(UnicodeCIDFont(FONT))
        self.stories = stories  # parsed seed edition, in print order
        self.buffer = io.BytesIO()
        self.canvas = None
        self.page = 0
        self.printed = Printed()

    def new_page(self, masthead=True):
        if self.canvas is None:
            self.canvas = canvas.Canvas(self.buffer, pagesize=(WIDTH, HEIGHT))
        else:
            self.canvas.showPage()
        self.page += 1
        if masthead:
            self.text(MARGIN, 40, f"上街新闻 第{self.page}版", 12)

    def text(self, x, baseline, text, size):
        self.canvas.setFont(FONT, size)
        self.canvas.drawString(x, HEIGHT - baseline, text)

    def story(self, order, frames, wide_headline=None, transform=str):
        """Print story ``order`` (1-based) into ``frames``; return the bottom of its last line.

        ``wide_headline``: a frame across several columns for the headline alone.
        ``transform``: how the print differs from the text (punctuation, spaces).
        """
        story = self.stories[order - 1]
        boxes = []
        lines = []
        if wide_headline:
            x0, top = wide_headline[:2]
            baseline = top + HEADLINE
            title = transform(story.title)
            self.text(x0, baseline, title, HEADLINE)
            boxes.append([x0, top, x0 + pdfmetrics.stringWidth(title, FONT, HEADLINE), baseline + HEADLINE * 0.25])
        else:
            lines += [(line, HEADLINE) for line in wrap(transform(story.title), HEADLINE, frames[0][2] - frames[0][0])]
        if story.column:
            lines.insert(0, (transform(story.column), BODY + 3))
        if story.subtitle:
            lines.append((transform(story.subtitle), BODY + 3))
        paragraphs = [("\u3000\u3000" if not story.is_brief else "●") + text for text in story.paragraphs()]
        if story.bylines:
            paragraphs.append("（" + " ".join(f"{b.role} {b.name}" for b in story.bylines) + "）")
        for paragraph in paragraphs:
            lines += [(line, BODY) for line in wrap(transform(paragraph), BODY, frames[0][2] - frames[0][0])]
        frames = list(frames)
        x0, top, x1, bottom = frames.pop(0)
        y = box_top = top
        for text, size in lines:
            step = size * (LEADING / BODY)
            if y + step > bottom:
                boxes.append([x0, box_top, x1, y + size * 0.25])
                if not frames:
                    raise ValueError(f"story {order} does not fit its frames")
                x0, top, x1, bottom = frames.pop(0)
                y = box_top = top
            y += step
            self.text(x0, y, text, size)
        boxes.append([x0, box_top, x1, y + BODY * 0.25])
        self.printed.stories[order] = (self.page, boxes)
        return y + BODY * 0.25

    def image(self, frame, picture):
        x0, top, x1, bottom = frame
        self.canvas.drawImage(ImageReader(picture), x0, HEIGHT - bottom, x1 - x0, bottom - top)

    def pdf(self):
        self.canvas.showPage()
        self.canvas.save()
        return self.buffer.getvalue()


def wrap(text, size, width):
    lines, line = [], ""
    for char in text:
        if pdfmetrics.stringWidth(line + char, FONT, size) > width:
            lines.append(line)
            line = ""
        line += char
    return [*lines, line] if line else lines


def photo(width=600, height=400):
    """A picture with no text in it: what a press photo is to the text layer."""
    picture = Image.new("RGB", (width, height), (90, 120, 150))
    draw = ImageDraw.Draw(picture)
    for step in range(0, width, 40):
        draw.ellipse([step, height / 3, step + 120, height / 3 + 120], fill=(200, 160 - step % 100, 80))
    return picture


def scanned(pdf_bytes, page_index=0):
    """A page of ``pdf_bytes`` as a scanner would deliver it: an image, no text layer."""
    document = pdfium.PdfDocument(pdf_bytes)
    page = document[page_index]
    bitmap = page.render(scale=1.5)
    picture = bitmap.to_pil().convert("L")
    bitmap.close()
    page.close()
    document.close()
    return picture


def half_width(text):
    """Print that differs from the text: half-width punctuation, spaces between phrases."""
    table = str.maketrans({"，": ", ", "。": ". ", "“": '"', "”": '"', "：": ": ", "、": ", ", "（": "(", "）": ")"})
    return text.translate(table)


def scan_page(pdf_bytes, page_index=0):
    """A one-page PDF holding page ``page_index`` of ``pdf_bytes`` scanned: an image, no text."""
    buffer = io.BytesIO()
    page = canvas.Canvas(buffer, pagesize=(WIDTH, HEIGHT))
    page.drawImage(ImageReader(scanned(pdf_bytes, page_index)), 0, 0, WIDTH, HEIGHT)
    page.showPage()
    page.save()
    return buffer.getvalue()


def joined(*pdfs):
    """The pages of ``pdfs``, one after another, as one PDF."""
    document = pdfium.PdfDocument.new()
    for data in pdfs:
        source = pdfium.PdfDocument(data)
        document.import_pages(source)
        source.close()
    buffer = io.BytesIO()
    document.save(buffer)
    document.close()
    return buffer.getvalue()


def area(rects):
    """The area the union of ``rects`` ([x0, y0, x1, y1]) covers."""
    xs = sorted({x for rect in rects for x in (rect[0], rect[2])})
    total = 0.0
    for left, right in zip(xs, xs[1:]):
        spans = sorted((rect[1], rect[3]) for rect in rects if rect[0] <= left and rect[2] >= right)
        covered, end = 0.0, None
        for top, bottom in spans:
            if end is None or top > end:
                covered += bottom - top
                end = bottom
            elif bottom > end:
                covered += bottom - end
                end = bottom
        total += covered * (right - left)
    return total


def iou(found, true):
    """Intersection over union of two sets of rectangles, each taken as the area it covers."""
    union = area([*found, *true])
    return (area(found) + area(true) - union) / union if union else 0.0
