import time
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from tqdm import tqdm

from bulletin.importing.archive import BATCH_SIZE, import_archive
from bulletin.importing.archive_reader import ArchiveItem, BadLine, read_archive
from bulletin.importing.arguments import checked, positive_integer
from bulletin.importing.pages import ImportFailed


class ProgressStream:
    """tqdm redraws its bar with carriage returns; the command's stderr would end each with a newline."""

    def __init__(self, out):
        self.out = out

    def write(self, text):
        self.out.write(text, ending="")

    def flush(self):
        self.out.flush()


class Command(BaseCommand):
    help = (
        "Import an archive of stories, one JSON object per line: "
        '{"title", "body", "date", "kind", "topics", "category", "bylines"}. '
        "Every line is checked first; bad lines are reported by number and nothing is written "
        "unless --skip-invalid. The import is one transaction: all of it or nothing. "
        "Items already imported are skipped, so a run can be repeated."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path, help="the archive, UTF-8 JSON lines")
        parser.add_argument("--draft", action="store_true", help="save drafts for review instead of publishing")
        parser.add_argument("--skip-invalid", action="store_true", help="import the good lines, report the bad ones")
        parser.add_argument(
            "--batch-size",
            type=positive_integer,
            default=BATCH_SIZE,
            help=f"items written at a time, within the one transaction (default {BATCH_SIZE})",
        )

    def handle(self, *, file, draft, skip_invalid, batch_size, **options):
        batch_size = checked("--batch-size", positive_integer, batch_size)
        started = time.perf_counter()
        good, bad = self.validate(file)
        for line in bad:
            self.stderr.write(f"{file}: {line}")
        if bad and not skip_invalid:
            raise CommandError(
                f"{file}：{len(bad)} 行有问题，没有导入任何稿件；请修正这些行，或用 --skip-invalid 只导入其余 {good} 行"
            )
        with self.open(file) as lines, tqdm(total=good, unit="item", file=ProgressStream(self.stderr)) as bar:
            items = (entry for entry in read_archive(lines) if isinstance(entry, ArchiveItem))
            try:
                result = import_archive(items, publish=not draft, batch_size=batch_size, progress=bar.update)
            except ImportFailed as error:
                raise CommandError(f"{file}：{error}；没有导入任何稿件") from None
        for warning in result.warnings:
            self.stderr.write(f"{file}: {warning}")
        seconds = time.perf_counter() - started
        state = "存为草稿" if draft else "发布"
        skipped = f"，跳过有问题的 {len(bad)} 行" if bad else ""
        self.stdout.write(
            f"新{state} {result.created} 篇稿件，{result.unchanged} 篇以前已导入{skipped}"
            f"（用时 {seconds:.1f} 秒，每秒 {good / seconds:.0f} 篇）。"
        )

    def validate(self, file):
        """Read every line once: the number of good items, and the bad lines."""
        good, bad = 0, []
        with self.open(file) as lines:
            for entry in read_archive(lines):
                if isinstance(entry, BadLine):
                    bad.append(entry)
                else:
                    good += 1
        if not good and not bad:
            raise CommandError(f"{file}：没有可导入的稿件（文件是空的）")
        return good, bad

    def open(self, file):
        try:
            return file.open("rb")
        except OSError as error:
            raise CommandError(f"无法读取 {file}：{error.strerror}") from None
