import csv
import json

from django.core.management.base import BaseCommand, CommandError

from bulletin.contributions.counting import ROLE_LABELS, Grouping, contribution_rows
from bulletin.importing.arguments import iso_date
from bulletin.spreadsheets import neutralised

FORMATS = ["json", "csv"]


class Command(BaseCommand):
    help = (
        "Count published stories and their characters (字数) per person, unit or role for the "
        "stories dated in a range, as JSON or CSV on stdout (see docs/contributions.md)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--from", dest="start", required=True, type=iso_date, help="first story date, YYYY-MM-DD")
        parser.add_argument("--to", dest="end", required=True, type=iso_date, help="last story date, YYYY-MM-DD")
        parser.add_argument("--by", required=True, choices=Grouping.values, help="what a row counts")
        parser.add_argument("--format", default="json", choices=FORMATS, help="json (default) or csv")

    def handle(self, *, start, end, by, format, **options):
        # call_command() parses required options but passes the others unchecked.
        if format not in FORMATS:
            raise CommandError(f"--format: {format!r} is not one of {', '.join(FORMATS)}")
        if start > end:
            raise CommandError(f"--from {start} is after --to {end}: nothing can be dated in that range")
        rows = contribution_rows(start, end, by)
        if format == "json":
            report = {
                "from": start.isoformat(),
                "to": end.isoformat(),
                "by": by,
                "rows": [row.as_dict() for row in rows],
            }
            self.stdout.write(json.dumps(report, ensure_ascii=False, indent=2))
        else:
            self.write_csv(rows)

    def write_csv(self, rows):
        # One column per role rather than a nested value, so a spreadsheet can sum them.
        writer = csv.writer(self.stdout, lineterminator="\n")
        writer.writerow(["key", "stories", "characters", *ROLE_LABELS])
        for row in rows:
            writer.writerow([neutralised(row.key), row.stories, row.characters, *row.role_counts()])
