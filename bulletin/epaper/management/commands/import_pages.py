import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from bulletin.editions.models import Edition
from bulletin.epaper.importer import page_story_texts, read_pages, save_pages
from bulletin.epaper.pdf import PdfError
from bulletin.importing.arguments import checked, positive_integer
from bulletin.importing.edition_parser import warnings_summary
from bulletin.stories.models import StoryPage
from search.indexing import batched


class Command(BaseCommand):
    help = (
        "Add or replace the printed pages (数字报) of an edition already imported: one PDF page per 版, "
        "its stories found on them. Regions an editor adjusted are kept unless --reset-regions."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path, help="the edition as printed, one PDF page per 版")
        parser.add_argument("--edition", required=True, type=positive_integer, help="edition number (期号)")
        parser.add_argument(
            "--reset-regions", action="store_true", help="also replace the regions editors drew or adjusted"
        )
        parser.add_argument("--dry-run", action="store_true", help="read and match, write nothing")
        parser.add_argument("--json", action="store_true", help="print the pages and regions found as JSON")

    def handle(self, *, file, edition, reset_regions, dry_run, json, **options):
        number = checked("--edition", positive_integer, edition)
        edition = Edition.objects.filter(number=number).first()
        if edition is None:
            raise CommandError(f"第 {number} 期还没有导入：请先用 import_edition 导入它的文字")
        stories = list(StoryPage.objects.filter(edition=edition).order_by("edition_order", "pk").specific())
        try:
            read = read_pages(str(file), page_story_texts(stories))
        except PdfError as error:
            raise CommandError(f"{file}：{error}；没有导入任何版面") from None
        with read:
            if json:
                titles = {story.pk: story.title for story in stories}
                data = {"edition": number, "pages": read.data(titles), "warnings": [str(w) for w in read.warnings]}
                self.stdout.write(json_dumps(data))
            if not dry_run:
                with batched(), transaction.atomic():
                    save_pages(read, edition, {story.pk: story for story in stories}, reset_regions=reset_regions)
        if json:
            return
        for warning in read.warnings:
            self.stderr.write(f"{file}: {warning}")
        self.stdout.write(warnings_summary(read.warnings))
        placed = len(read.layout.story_pages)
        if dry_run:
            self.stdout.write(
                f"试运行：读出版面 {len(read.texts)} 个，在版面上找到 {placed} 篇稿件的位置，没有写入任何内容。"
            )
        else:
            self.stdout.write(
                f"第 {number} 期（{edition.date:%Y年%-m月%-d日}）：导入版面 {len(read.texts)} 个，"
                f"在版面上找到 {placed} 篇稿件的位置。"
            )


def json_dumps(data):
    return json.dumps(data, ensure_ascii=False, indent=2)
