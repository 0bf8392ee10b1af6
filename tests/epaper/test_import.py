"""Importing an edition's pages through the commands: every story found on the page it was
printed on, its regions over the boxes it truly covers, the page files, and bad PDFs refused
with nothing written."""

import io
import json

import pypdfium2 as pdfium
import pytest
from django.core.management.base import CommandError
from PIL import Image
from reportlab.lib.pagesizes import A4
from reportlab.pdfgen import canvas

from bulletin.epaper.models import PrintedPage, StoryRegion
from bulletin.importing.models import ImportedStory
from bulletin.related import updating
from bulletin.related.models import RelatedStory
from tests.conftest import SEED_EDITION
from tests.epaper.conftest import SEED_DATE
from tests.epaper.printing import FONT, iou, joined
from tests.importing.conftest import row_counts

pytestmark = pytest.mark.django_db

WRITTEN_HERE = ["epaper.PrintedPage", "epaper.StoryRegion"]


def counts():
    from django.apps import apps

    return {**row_counts(), **{name: apps.get_model(name).objects.count() for name in WRITTEN_HERE}}


def import_with_pages(run, pdf, *extra):
    return run("import_edition", SEED_EDITION, "--date", SEED_DATE, "--number", 1, "--pages", pdf, *extra)


def story(order):
    return ImportedStory.objects.get(source_key=f"edition/1/{order}").story.specific


def regions(story_page):
    return [region.box for region in StoryRegion.objects.filter(story=story_page)]


def test_every_story_is_found_on_its_page_over_its_true_boxes(run, edition_pdf, printed):
    result = import_with_pages(run, edition_pdf, "--publish")

    assert set(printed.stories) == set(range(1, 15))
    for order in printed.stories:
        page, true_boxes = printed.fractions(order)
        found = story(order)
        assert {region.page.number for region in StoryRegion.objects.filter(story=found)} == {page}, order
        assert iou(regions(found), true_boxes) >= 0.8, (order, regions(found), true_boxes)
        assert found.print_page == f"第{page}版"
    # Story 1 runs in two columns under a headline across both: more than one rectangle.
    assert len(regions(story(1))) >= 2
    assert "在版面上找到 14 篇稿件的位置" in result.stdout


def test_a_scanned_page_is_imported_as_an_image_with_a_warning(run, edition_pdf):
    result = import_with_pages(run, edition_pdf)

    pages = list(PrintedPage.objects.filter(edition__number=1))
    assert [page.number for page in pages] == [1, 2, 3, 4]
    assert [page.has_text_layer for page in pages] == [True, True, True, False]
    assert not StoryRegion.objects.filter(page=pages[3]).exists()
    assert "第4版没有文字层" in result.stderr
    # Nothing else to warn about: every story was found, no text was left over.
    assert "没有找到" not in result.stderr
    assert "没有对上" not in result.stderr


def test_each_page_has_its_image_thumbnail_and_own_pdf(run, edition_pdf, media_root):
    import_with_pages(run, edition_pdf)

    for page in PrintedPage.objects.filter(edition__number=1):
        assert page.image.name.startswith(f"epaper/1/{page.number}/")
        with Image.open(page.image.path) as image:
            assert image.format == "WEBP"
            assert image.width == 1200
            assert abs(image.height - 1200 * page.height / page.width) <= 1
        with Image.open(page.thumbnail.path) as thumbnail:
            assert thumbnail.width == 240
        single = pdfium.PdfDocument(page.pdf.path)
        assert len(single) == 1
        assert single[0].get_size() == (page.width, page.height)
        single.close()
        assert (page.width, page.height) == (842, 1191)


def test_the_dry_run_shows_the_stories_and_regions_of_each_page_and_writes_nothing(
    run, edition_pdf, printed, media_root
):
    before = counts()
    result = import_with_pages(run, edition_pdf, "--dry-run", "--json")

    data = json.loads(result.stdout)
    assert [page["number"] for page in data["pages"]] == [1, 2, 3, 4]
    assert [page["label"] for page in data["pages"]] == ["第1版", "第2版", "第3版", "第4版"]
    assert data["pages"][3] == {"number": 4, "label": "第4版", "has_text_layer": False, "stories": []}
    titles = {title: order for order, title in enumerate([*(a["title"] for a in data["articles"])], start=1)}
    assert "“服务圈”串联“生活圈” 构筑“幸福圈”" in titles
    on_page = {page["number"]: {s["title"]: s["regions"] for s in page["stories"]} for page in data["pages"]}
    first_page, true_boxes = printed.fractions(1)
    assert iou(on_page[first_page]["“服务圈”串联“生活圈” 构筑“幸福圈”"], true_boxes) >= 0.8
    assert sum(len(page) for page in on_page.values()) == 14
    assert any("第4版没有文字层" in warning for warning in data["warnings"])
    assert counts() == before
    assert not (media_root / "epaper").exists()


def test_import_pages_adds_the_pages_to_an_edition_imported_before(run, edition_pdf, printed):
    run("import_edition", SEED_EDITION, "--date", SEED_DATE, "--number", 1, "--publish")
    assert not PrintedPage.objects.exists()

    result = run("import_pages", "--edition", 1, edition_pdf)

    assert PrintedPage.objects.filter(edition__number=1).count() == 4
    for order in printed.stories:
        page, true_boxes = printed.fractions(order)
        found = story(order)
        assert iou(regions(found), true_boxes) >= 0.8, order
        assert found.print_page == f"第{page}版"
        assert found.live and not found.has_unpublished_changes  # 版次 published, as an editor would
    assert result.stdout.splitlines()[-1] == "第 1 期（2023年11月28日）：导入版面 4 个，在版面上找到 14 篇稿件的位置。"


def test_reimporting_keeps_the_regions_an_editor_adjusted_unless_told(
    run, edition_pdf, media_root, django_capture_on_commit_callbacks
):
    run("import_edition", SEED_EDITION, "--date", SEED_DATE, "--number", 1, "--publish")
    run("import_pages", "--edition", 1, edition_pdf)
    moved = StoryRegion.objects.filter(story=story(2)).first()
    moved.x0, moved.y0, moved.x1, moved.y1, moved.adjusted = 0.1, 0.1, 0.2, 0.2, True
    moved.save()
    others = set(StoryRegion.objects.exclude(story=story(2)).values_list("story", "x0", "y0", "x1", "y1"))
    old_files = {path for path in (media_root / "epaper").rglob("*") if path.is_file()}

    with django_capture_on_commit_callbacks(execute=True):
        run("import_pages", "--edition", 1, edition_pdf)

    assert regions(story(2)) == [[0.1, 0.1, 0.2, 0.2]]
    assert set(StoryRegion.objects.exclude(story=story(2)).values_list("story", "x0", "y0", "x1", "y1")) == others
    # The pages' files were replaced by new ones: the old are gone once the import committed.
    new_files = {path for path in (media_root / "epaper").rglob("*") if path.is_file()}
    assert len(new_files) == 12 and not new_files & old_files

    run("import_pages", "--edition", 1, edition_pdf, "--reset-regions")

    assert [0.1, 0.1, 0.2, 0.2] not in regions(story(2))
    assert regions(story(2)) and not StoryRegion.objects.filter(adjusted=True).exists()


def test_import_pages_ranks_the_related_stories_once_for_all_the_stories_it_publishes(
    run, edition_pdf, printed, monkeypatch
):
    run("import_edition", SEED_EDITION, "--date", SEED_DATE, "--number", 1, "--publish")
    ranked = []
    rank = updating.update

    def counted(pks):
        ranked.append(sorted(pks))
        rank(pks)

    monkeypatch.setattr(updating, "update", counted)

    run("import_pages", "--edition", 1, edition_pdf)

    # Every story got its 版次 in a published revision, and all were ranked in one pass.
    assert ranked == [sorted(story(order).pk for order in printed.stories)]
    assert RelatedStory.objects.filter(story=story(1)).exists()


def test_reimporting_keeps_the_print_page_of_a_story_an_editor_placed(run, edition_pdf):
    run("import_edition", SEED_EDITION, "--date", SEED_DATE, "--number", 1, "--publish")
    run("import_pages", "--edition", 1, edition_pdf)
    # The editor moves story 2 to page 3 by hand: its region there, its 版次 published.
    placed = story(2)
    StoryRegion.objects.filter(story=placed).delete()
    page_3 = PrintedPage.objects.get(edition__number=1, number=3)
    StoryRegion.objects.create(page=page_3, story=placed, x0=0.1, y0=0.1, x1=0.2, y1=0.2, adjusted=True)
    placed.print_page = "第3版"
    placed.save_revision().publish()
    revisions = placed.revisions.count()

    run("import_pages", "--edition", 1, edition_pdf)

    placed = story(2)
    assert placed.print_page == "第3版"
    assert placed.revisions.count() == revisions
    assert not placed.has_unpublished_changes
    assert story(1).print_page == "第1版"  # the stories the importer placed are still set by it

    run("import_pages", "--edition", 1, edition_pdf, "--reset-regions")

    assert story(2).print_page == "第1版"


def test_import_pages_needs_an_edition_imported_before(run, edition_pdf):
    with pytest.raises(CommandError, match="第 7 期还没有导入：请先用 import_edition 导入它的文字"):
        run("import_pages", "--edition", 7, edition_pdf)


def encrypted_pdf():
    buffer = io.BytesIO()
    page = canvas.Canvas(buffer, pagesize=A4, encrypt="secret")
    page.setFont("Helvetica", 12)
    page.drawString(72, 720, "locked")
    page.showPage()
    page.save()
    return buffer.getvalue()


BAD_PDFS = {
    "empty": (lambda good: b"", "不是可读的 PDF"),
    "cut short": (lambda good: good[: len(good) // 3], "不是可读的 PDF"),
    "not a PDF": (lambda good: "## 标题\n正文".encode(), "不是可读的 PDF"),
    "encrypted": (lambda good: encrypted_pdf(), "PDF 已加密"),
}


@pytest.mark.parametrize("kind", BAD_PDFS)
@pytest.mark.parametrize("command", ["import_edition", "import_pages"])
def test_a_bad_pdf_is_refused_and_nothing_is_written(run, printed_edition, tmp_path, media_root, kind, command):
    if command == "import_pages":
        run("import_edition", SEED_EDITION, "--date", SEED_DATE, "--number", 1)
    make, message = BAD_PDFS[kind]
    bad = tmp_path / "bad.pdf"
    bad.write_bytes(make(printed_edition[0]))
    before = counts()

    nothing = "没有导入任何版面" if command == "import_pages" else "没有导入任何稿件"
    with pytest.raises(CommandError, match=f"bad.pdf：.*{message}.*；{nothing}$"):
        if command == "import_pages":
            run("import_pages", "--edition", 1, bad)
        else:
            import_with_pages(run, bad, "--publish")

    assert counts() == before
    assert not (media_root / "epaper").exists()


def test_a_pdf_with_no_pages_is_refused_and_not_called_encrypted(run, tmp_path, media_root):
    empty = pdfium.PdfDocument.new()
    buffer = io.BytesIO()
    empty.save(buffer)
    empty.close()
    no_pages = tmp_path / "nopages.pdf"
    no_pages.write_bytes(buffer.getvalue())
    locked = tmp_path / "locked.pdf"
    locked.write_bytes(encrypted_pdf())
    before = counts()

    # pdfium refuses the page-less file without a reason of its own: the encrypted one's must
    # not stick to it.
    with pytest.raises(CommandError, match="PDF 已加密"):
        import_with_pages(run, locked, "--publish")
    with pytest.raises(CommandError, match="nopages.pdf：(不是可读的 PDF|PDF 里没有页面)"):
        import_with_pages(run, no_pages, "--publish")

    assert counts() == before


def first_pages(pdf_bytes, count):
    document = pdfium.PdfDocument(pdf_bytes)
    out = pdfium.PdfDocument.new()
    out.import_pages(document, list(range(count)))
    buffer = io.BytesIO()
    out.save(buffer)
    out.close()
    document.close()
    return buffer.getvalue()


def test_fewer_pages_than_the_text_is_a_warning_naming_the_stories_not_found(run, printed_edition, tmp_path):
    path = tmp_path / "short.pdf"
    path.write_bytes(first_pages(printed_edition[0], 2))

    result = import_with_pages(run, path, "--publish")

    assert "版数可能比文字稿少" in result.stderr
    for order in (6, 7, 8, 9):  # printed on page 3
        assert f"稿件《{story(order).title}》在版面 PDF 的文字里没有找到" in result.stderr
        assert not StoryRegion.objects.filter(story=story(order)).exists()
        assert story(order).print_page == ""
    assert PrintedPage.objects.count() == 2


def test_more_pages_than_the_text_and_text_matching_no_story_are_warnings(run, printed_edition, tmp_path):
    buffer = io.BytesIO()
    extra = canvas.Canvas(buffer, pagesize=(842, 1191))
    extra.setFont(FONT, 10)
    extra.drawString(40, 1000, "本版广告：某某商场年终大促销，全场商品八折起，欢迎广大市民前来选购。")
    extra.showPage()
    extra.save()
    path = tmp_path / "long.pdf"
    path.write_bytes(joined(first_pages(printed_edition[0], 3), buffer.getvalue()))

    result = import_with_pages(run, path)

    assert "第4版上没有本期文字稿的任何稿件：PDF 的版数比文字稿多" in result.stderr
    assert "第4版有一段文字" in result.stderr and "没有对上本期任何稿件" in result.stderr
    assert PrintedPage.objects.count() == 4


def test_typeset_edition_writes_the_pdf_it_reports(run, tmp_path):
    out = tmp_path / "edition.pdf"

    result = run("typeset_edition", SEED_EDITION, out, "--date", SEED_DATE, "--pages", 2)

    pages = len(pdfium.PdfDocument(out))
    assert result.stdout == f"{out}：14 篇稿件排成 {pages} 个版面。\n"
    missing = tmp_path / "missing.txt"
    with pytest.raises(CommandError, match=f"无法读取 {missing}："):
        run("typeset_edition", missing, tmp_path / "never.pdf", "--date", SEED_DATE)
    assert not (tmp_path / "never.pdf").exists()
