import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from bulletin.epaper.importer import parsed_story_texts, read_pages, save_pages
from bulletin.epaper.models import page_label
from bulletin.epaper.pdf import PdfError
from bulletin.importing.arguments import checked, iso_date, positive_integer
from bulletin.importing.edition_parser import EditionFormatError, decode_edition, parse_edition, warnings_summary
from bulletin.importing.editions import edition_data, find_edition, import_edition, known_columns
from bulletin.importing.models import ImportedStory
from bulletin.importing.pages import ImportFailed, Topics
from bulletin.stories.models import Kind, StoryPage
from search.indexing import batched


class Command(BaseCommand):
    help = (
        "Import a print edition (text as in demo/edition-2023-11-28.txt) as story pages: drafts for "
        "editors to review, or published with --publish. Importing it again adds nothing."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path, help="the edition as UTF-8 text")
        parser.add_argument("--date", required=True, type=iso_date, help="publication date, YYYY-MM-DD")
        parser.add_argument(
            "--number",
            type=positive_integer,
            help="edition number (期号); default: the edition of that date, else the next number",
        )
        parser.add_argument("--publish", action="store_true", help="publish the stories instead of saving drafts")
        parser.add_argument("--dry-run", action="store_true", help="parse and report, write nothing")
        parser.add_argument("--json", action="store_true", help="print the parsed edition as JSON on stdout")
        parser.add_argument(
            "--pages",
            type=Path,
            help="the edition as printed, one PDF page per 版 (数字报): page images and story regions",
        )

    def handle(self, *, file, date, number, publish, dry_run, json, pages=None, **options):
        date = checked("--date", iso_date, date)
        number = None if number is None else checked("--number", positive_integer, number)
        parsed = self.parse(file)
        read = self.read_pages(pages, parsed) if pages else None
        try:
            if json:
                self.print_json(parsed, read)
            if dry_run:
                if not json:
                    self.describe(parsed, file, read)
                return
            try:
                result = self.import_all(parsed, find_edition(date, number), publish, read)
            except ImportFailed as error:
                raise CommandError(f"{file}：{error}；没有导入任何稿件") from None
        finally:
            if read:
                read.close()
        if not json:
            self.report(parsed, result, file, publish, read)

    def read_pages(self, pages, parsed):
        try:
            return read_pages(str(pages), parsed_story_texts(parsed))
        except PdfError as error:
            raise CommandError(f"{pages}：{error}；没有导入任何稿件") from None

    def import_all(self, parsed, edition, publish, read):
        if read is None:
            return import_edition(parsed, edition, publish=publish)
        print_pages = {order: page_label(number) for order, number in read.layout.story_pages.items()}
        # One transaction for the stories and their pages: a failure leaves neither.
        with batched(), transaction.atomic():
            result = import_edition(parsed, edition, publish=publish, print_pages=print_pages)
            keys = {f"edition/{edition.number}/{order}": order for order in range(1, len(parsed.stories) + 1)}
            records = ImportedStory.objects.filter(source_key__in=keys).values_list("source_key", "story_id")
            ids = {story_id: keys[key] for key, story_id in records}
            stories = {ids[story.pk]: story for story in StoryPage.objects.filter(pk__in=ids).specific()}
            save_pages(read, edition, stories)
        return result

    def parse(self, file):
        try:
            data = file.read_bytes()
        except OSError as error:
            raise CommandError(f"无法读取 {file}：{error.strerror}") from None
        try:
            return parse_edition(decode_edition(data), known_columns=known_columns())
        except EditionFormatError as error:
            raise CommandError(f"{file}：{error}；没有导入任何稿件") from None

    def print_json(self, parsed, read):
        data = edition_data(parsed, Topics())
        if read:
            data["pages"] = read.data({order: story.title for order, story in enumerate(parsed.stories, start=1)})
            data["warnings"] += [str(warning) for warning in read.warnings]
        self.stdout.write(json.dumps(data, ensure_ascii=False, indent=2))

    def describe(self, parsed, file, read):
        for order, story in enumerate(parsed.stories, start=1):
            names = "、".join(f"{b.role} {b.name}" for b in story.bylines) or "无署名"
            page = f" {page_label(read.layout.story_pages[order])}" if read and order in read.layout.story_pages else ""
            self.stdout.write(f"{order:3}. [{Kind(story.kind).label}]{page} {story.title}（{names}）")
        warnings = [*parsed.warnings, *(read.warnings if read else [])]
        self.warn(warnings, file)
        self.stdout.write(warnings_summary(warnings))
        self.stdout.write(
            f"试运行：读出 {len(parsed.articles)} 篇稿件、{len(parsed.briefs)} 条简讯，没有写入任何内容。"
        )

    def report(self, parsed, result, file, publish, read):
        warnings = [*parsed.warnings, *result.warnings, *(read.warnings if read else [])]
        self.warn(warnings, file)
        self.stdout.write(warnings_summary(warnings))
        state = "发布" if publish else "存为草稿（待编辑审核）"
        edition = result.edition
        self.stdout.write(
            f"第 {edition.number} 期（{edition.date:%Y年%-m月%-d日}）：新{state} {len(result.created)} 篇稿件，"
            f"{result.unchanged} 篇以前已导入。"
        )
        if read:
            self.stdout.write(
                f"导入版面 {len(read.texts)} 个，在版面上找到 {len(read.layout.story_pages)} 篇稿件的位置。"
            )

    def warn(self, warnings, file):
        for warning in warnings:
            self.stderr.write(f"{file}: {warning}")
