import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from bulletin.importing.arguments import checked, iso_date, positive_integer
from bulletin.importing.edition_parser import EditionFormatError, decode_edition, parse_edition, warnings_summary
from bulletin.importing.editions import edition_data, find_edition, import_edition, known_columns
from bulletin.importing.pages import ImportFailed, Topics
from bulletin.stories.models import Kind


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

    def handle(self, *, file, date, number, publish, dry_run, json, **options):
        date = checked("--date", iso_date, date)
        number = None if number is None else checked("--number", positive_integer, number)
        parsed = self.parse(file)
        if json:
            self.print_json(parsed)
        if dry_run:
            if not json:
                self.describe(parsed, file)
            return
        try:
            result = import_edition(parsed, find_edition(date, number), publish=publish)
        except ImportFailed as error:
            raise CommandError(f"{file}: {error}; nothing was imported") from None
        if not json:
            self.report(parsed, result, file, publish)

    def parse(self, file):
        try:
            data = file.read_bytes()
        except OSError as error:
            raise CommandError(f"cannot read {file}: {error.strerror}") from None
        try:
            return parse_edition(decode_edition(data), known_columns=known_columns())
        except EditionFormatError as error:
            raise CommandError(f"{file}: {error}; nothing was imported") from None

    def print_json(self, parsed):
        self.stdout.write(json.dumps(edition_data(parsed, Topics()), ensure_ascii=False, indent=2))

    def describe(self, parsed, file):
        for order, story in enumerate(parsed.stories, start=1):
            names = "、".join(f"{b.role} {b.name}" for b in story.bylines) or "no byline"
            self.stdout.write(f"{order:3}. [{Kind(story.kind).label}] {story.title} ({names})")
        self.warn(parsed.warnings, file)
        self.stdout.write(warnings_summary(parsed.warnings))
        self.stdout.write(
            f"Dry run: {len(parsed.articles)} articles and {len(parsed.briefs)} briefs read, nothing written."
        )

    def report(self, parsed, result, file, publish):
        warnings = [*parsed.warnings, *result.warnings]
        self.warn(warnings, file)
        self.stdout.write(warnings_summary(warnings))
        state = "published" if publish else "saved as drafts for review"
        edition = result.edition
        self.stdout.write(
            f"{edition} (number {edition.number}): {len(result.created)} new stories {state}, "
            f"{result.unchanged} already imported."
        )

    def warn(self, warnings, file):
        for warning in warnings:
            self.stderr.write(f"{file}: {warning}")
