from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from bulletin.epaper.typeset import typeset
from bulletin.importing.arguments import checked, iso_date, positive_integer
from bulletin.importing.edition_parser import EditionFormatError, decode_edition, parse_edition


class Command(BaseCommand):
    help = (
        "Lay an edition's text into columns on a few newspaper pages and write them as a PDF, as a "
        "layout system would export it: for the demo's 数字报 and the benchmark."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path, help="the edition as UTF-8 text (as for import_edition)")
        parser.add_argument("out", type=Path, help="the PDF to write")
        parser.add_argument("--date", required=True, type=iso_date, help="publication date, YYYY-MM-DD")
        parser.add_argument("--pages", type=positive_integer, default=4, help="pages to spread it over (4)")

    def handle(self, *, file, out, date, pages, **options):
        date = checked("--date", iso_date, date)
        pages = checked("--pages", positive_integer, pages)
        try:
            parsed = parse_edition(decode_edition(file.read_bytes()))
        except OSError as error:
            raise CommandError(f"无法读取 {file}：{error.strerror}") from None
        except EditionFormatError as error:
            raise CommandError(f"{file}：{error}；没有写出 PDF") from None
        count = typeset(parsed.stories, out, f"{date:%Y年%-m月%-d日}", pages=pages)
        self.stdout.write(f"{out}：{len(parsed.stories)} 篇稿件排成 {count} 个版面。")
