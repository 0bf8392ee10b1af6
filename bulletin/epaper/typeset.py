"""A small typesetter: an edition's stories laid into columns on a few newspaper pages, as the
layout system would export them (one PDF page per 版, with a text layer). The demo and the
benchmark use it, so the 数字报 can be seen without a layout system.

reportlab's built-in CID font STSong-Light keeps the PDF small (the font is not embedded);
pdfium renders it with the system's CJK font (fonts-noto-cjk) and reads its text exactly.
"""

from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.cidfonts import UnicodeCIDFont
from reportlab.pdfgen import canvas

from .models import page_label

FONT = "STSong-Light"
PAGE_SIZE = (842, 1191)  # A3 points, the 对开 size a district paper prints at
MARGIN = 42
MASTHEAD = 36
COLUMNS = 5
GUTTER = 12
BODY_SIZE = 10
HEADLINE_SIZE = 16
LEADING = 1.5


def typeset(stories, out, date_label, pages=4):
    """Write ``stories`` (edition_parser.Story) to the PDF ``out``, spread over about ``pages``
    pages (more if they do not fit)."""
    pdfmetrics.registerFont(UnicodeCIDFont(FONT))
    pdf = canvas.Canvas(str(out), pagesize=PAGE_SIZE)
    pdf.setTitle(date_label)
    layout = _Layout(pdf, date_label)
    total = sum(len(story.body_text()) for story in stories) or 1
    done = 0
    for story in stories:
        # Start a new page when this page has had its share of the edition.
        if done >= layout.page * total / pages and layout.used():
            layout.new_page()
        layout.story(story)
        done += len(story.body_text())
    layout.finish()
    pdf.save()
    return layout.page


class _Layout:
    def __init__(self, pdf, date_label):
        self.pdf = pdf
        self.date_label = date_label
        self.page = 0
        self.column_width = (PAGE_SIZE[0] - 2 * MARGIN - (COLUMNS - 1) * GUTTER) / COLUMNS
        self.new_page(first=True)

    def new_page(self, first=False):
        if not first:
            self.pdf.showPage()
        self.page += 1
        self.column = 0
        self.top = PAGE_SIZE[1] - MARGIN - MASTHEAD
        self.y = self.top
        self.pdf.setFont(FONT, 12)
        self.pdf.drawString(MARGIN, PAGE_SIZE[1] - MARGIN - 12, f"上街新闻 {self.date_label} {page_label(self.page)}")
        self.pdf.line(MARGIN, PAGE_SIZE[1] - MARGIN - 20, PAGE_SIZE[0] - MARGIN, PAGE_SIZE[1] - MARGIN - 20)

    def used(self):
        return self.column or self.y < self.top

    def finish(self):
        self.pdf.showPage()

    def story(self, story):
        if self.y < MARGIN + 6 * HEADLINE_SIZE:
            self.next_column()
        self.y -= BODY_SIZE  # space between stories
        for line in _wrap(story.title, HEADLINE_SIZE, self.column_width):
            self.line(line, HEADLINE_SIZE)
        if story.subtitle:
            for line in _wrap(story.subtitle, BODY_SIZE + 2, self.column_width):
                self.line(line, BODY_SIZE + 2)
        paragraphs = list(story.paragraphs())
        if story.bylines:
            roles = " ".join(f"{byline.role} {byline.name}" for byline in story.bylines)
            paragraphs.append(f"（{roles}）")
        for paragraph in paragraphs:
            for line in _wrap("\u3000\u3000" + paragraph, BODY_SIZE, self.column_width):
                self.line(line, BODY_SIZE)

    def line(self, text, size):
        if self.y - size * LEADING < MARGIN:
            self.next_column()
        self.y -= size * LEADING
        self.pdf.setFont(FONT, size)
        self.pdf.drawString(MARGIN + self.column * (self.column_width + GUTTER), self.y, text)

    def next_column(self):
        self.column += 1
        self.y = self.top
        if self.column == COLUMNS:
            self.new_page()


def _wrap(text, size, width):
    """Lines of ``text`` no wider than ``width``: Chinese breaks between any two characters."""
    lines, line = [], ""
    for char in text:
        if pdfmetrics.stringWidth(line + char, FONT, size) > width:
            lines.append(line)
            line = ""
        line += char
    if line:
        lines.append(line)
    return lines
