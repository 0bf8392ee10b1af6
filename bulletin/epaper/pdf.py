"""Reading the layout system's PDF with pdfium (pypdfium2): each page's text layer with the box
of every character, the page rendered to an image and a thumbnail, and the page as a PDF of its
own.

Pages are read one at a time and closed before the next, so an edition of any length needs the
memory of one rendered page; only the text (a few thousand characters a page) is kept for all.
"""

import io
from dataclasses import dataclass

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c

# The page image is read on phones, zoomed in to read the print: 1200 px across shows 3-4 pt
# body type legibly at two-finger zoom, and weighs a few hundred kilobytes as WebP.
IMAGE_WIDTH = 1200
THUMBNAIL_WIDTH = 240
IMAGE_FORMAT = "webp"
IMAGE_QUALITY = 78


class PdfError(Exception):
    """The file cannot be read as an edition's pages; nothing is imported."""


@dataclass(frozen=True)
class Char:
    text: str
    # In PDF points from the page's top left corner: left, top, right, bottom.
    box: tuple


@dataclass
class PageText:
    number: int  # 版次: PDF page i is 第i版
    width: float
    height: float
    chars: list

    @property
    def has_text_layer(self):
        return any(not char.text.isspace() for char in self.chars)


def open_pdf(path):
    """The document at ``path``, or PdfError saying why it cannot be imported."""
    try:
        document = pdfium.PdfDocument(path)
    except pdfium.PdfiumError:
        # pdfium's reason for the failed load. It is not reset by a load that fails without one
        # (a PDF with no pages), so a password error counts only if the file names encryption.
        reason = pdfium_c.FPDF_GetLastError()
        if reason == pdfium_c.FPDF_ERR_PASSWORD and _names_encryption(path):
            raise PdfError("PDF 已加密（需要密码才能打开）：请不加密重新导出") from None
        if reason == pdfium_c.FPDF_ERR_FILE:
            raise PdfError("无法打开这个文件") from None
        raise PdfError("不是可读的 PDF（文件损坏、不完整，或根本不是 PDF）") from None
    if len(document) == 0:  # pdfium opens some such files, refuses others (as unreadable)
        document.close()
        raise PdfError("PDF 里没有页面")
    return document


def _names_encryption(path):
    # The trailer (or the cross-reference stream's dictionary) at the end of the file says so.
    with open(path, "rb") as file:
        file.seek(0, io.SEEK_END)
        file.seek(max(0, file.tell() - 65536))
        return b"/Encrypt" in file.read()


def read_text(document):
    """Every page's size and characters, page by page."""
    pages = []
    for index in range(len(document)):
        page = document[index]
        try:
            pages.append(_page_text(page, index + 1))
        finally:
            page.close()
    return pages


def _page_text(page, number):
    width, height = page.get_size()
    left, bottom = page.get_mediabox()[:2]
    textpage = page.get_textpage()
    chars = []
    try:
        for index in range(textpage.count_chars()):
            code = pdfium_c.FPDFText_GetUnicode(textpage, index)
            if not code or pdfium_c.FPDFText_IsGenerated(textpage, index) == 1:
                continue  # line ends and spaces pdfium made up between words
            x0, y0, x1, y1 = textpage.get_charbox(index)
            box = (x0 - left, height - (y1 - bottom), x1 - left, height - (y0 - bottom))
            chars.append(Char(chr(code), box))
    finally:
        textpage.close()
    return PageText(number, width, height, chars)


@dataclass
class PageFiles:
    image: bytes
    thumbnail: bytes
    pdf: bytes


def page_files(document, index):
    """The page's image, thumbnail and one-page PDF, made while only this page is open."""
    page = document[index]
    try:
        width = page.get_width()
        bitmap = page.render(scale=IMAGE_WIDTH / width, may_draw_forms=False)
        image = bitmap.to_pil().convert("RGB")
        bitmap.close()
    finally:
        page.close()
    page_image = _encoded(image)
    image.thumbnail((THUMBNAIL_WIDTH, THUMBNAIL_WIDTH * 10))
    thumbnail = _encoded(image)
    image.close()
    single = pdfium.PdfDocument.new()
    try:
        single.import_pages(document, [index])
        buffer = io.BytesIO()
        single.save(buffer)
    finally:
        single.close()
    return PageFiles(page_image, thumbnail, buffer.getvalue())


def _encoded(image):
    buffer = io.BytesIO()
    image.save(buffer, IMAGE_FORMAT, quality=IMAGE_QUALITY, method=4)
    return buffer.getvalue()
