"""What the bench scripts share: where the project and the archive are, and what machine ran them.

The scripts run as ``python bench/<script>.py``, which puts this directory on sys.path.
"""

import os
import platform
from pathlib import Path

PROJECT_DIR = Path(__file__).resolve().parent.parent


def default_corpus():
    """The archive to load: $BULLETIN_CORPUS (a file, or a folder with articles.jsonl), else ../shared/corpus."""
    if os.environ.get("BULLETIN_CORPUS"):
        path = Path(os.environ["BULLETIN_CORPUS"])
        return path / "articles.jsonl" if path.is_dir() else path
    return PROJECT_DIR.parent / "shared" / "corpus" / "articles.jsonl"


def machine():
    """Cores, CPU model, memory and kernel, for the line above a table."""
    try:
        model = next(
            line.split(":", 1)[1].strip()
            for line in Path("/proc/cpuinfo").read_text().splitlines()
            if line.startswith("model name")
        )
    except (OSError, StopIteration):
        model = platform.processor() or "unknown CPU"
    memory_gib = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30
    return f"{os.cpu_count()} cores ({model}), {memory_gib:.0f} GiB, {platform.system()} {platform.release()}"
