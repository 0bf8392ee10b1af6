"""Reading an archive of stories, one JSON object per line (JSONL). No Django.

Each line: ``{"title", "body", "date", "kind", "topics", "category", "bylines"}``; only title,
body and date are required. A line that cannot be imported becomes a BadLine with its number
and the reason, so that the command can report every bad line before writing anything.
"""

import hashlib
import json
from dataclasses import dataclass, field
from datetime import date

from .edition_parser import ROLES

KINDS = ("article", "brief", "notice")
TITLE_MAX_LENGTH = 255  # Wagtail's Page.title
NAME_MAX_LENGTH = 50  # Person.name
TOPIC_MAX_LENGTH = 100  # taggit's TagBase.name


@dataclass
class ArchiveItem:
    line: int
    title: str
    body: str
    date: date
    kind: str = "article"
    topics: list[str] = field(default_factory=list)
    bylines: list[tuple[str, str]] = field(default_factory=list)

    @property
    def source_key(self):
        """Who the item is: its date, headline and text. Re-reading the same item finds the same key."""
        identity = json.dumps([self.date.isoformat(), self.title, self.body], ensure_ascii=False)
        return "archive/" + hashlib.sha256(identity.encode()).hexdigest()

    def paragraphs(self):
        return [line.strip() for line in self.body.split("\n") if line.strip()]


@dataclass
class BadLine:
    line: int
    reason: str

    def __str__(self):
        return f"line {self.line}: {self.reason}"


def read_archive(lines):
    """Yield an ArchiveItem or a BadLine for each non-blank line of ``lines`` (bytes or text)."""
    for number, raw in enumerate(lines, start=1):
        try:
            text = raw.decode("utf-8") if isinstance(raw, bytes) else raw
        except UnicodeDecodeError:
            yield BadLine(number, "not valid UTF-8")
            continue
        if number == 1:
            text = text.removeprefix("\ufeff")  # a byte order mark some editors save
        if not text.strip():
            continue
        try:
            yield _item(number, text)
        except _Invalid as invalid:
            yield BadLine(number, str(invalid))


class _Invalid(ValueError):
    pass


def _item(number, text):
    try:
        data = json.loads(text)
    except json.JSONDecodeError as error:
        raise _Invalid(f"invalid JSON ({error.msg} at column {error.colno})") from None
    if not isinstance(data, dict):
        raise _Invalid("expected a JSON object {...}")
    title = _text(data, "title", TITLE_MAX_LENGTH)
    body = _text(data, "body")
    kind = data.get("kind") or "article"
    if kind not in KINDS:
        raise _Invalid(f"unknown kind {kind!r} (expected one of {', '.join(KINDS)})")
    topics = _topics(data)
    return ArchiveItem(number, title, body, _date(data), kind, topics, _bylines(data))


def _text(data, key, max_length=None):
    value = data.get(key)
    if value is None:
        raise _Invalid(f"missing {key}")
    if not isinstance(value, str) or not value.strip():
        raise _Invalid(f"{key} must be non-empty text")
    value = value.strip()
    if max_length and len(value) > max_length:
        raise _Invalid(f"{key} is {len(value)} characters long (at most {max_length})")
    return value


def _date(data):
    value = data.get("date")
    if value is None:
        raise _Invalid("missing date")
    try:
        return date.fromisoformat(value)
    except (TypeError, ValueError):
        raise _Invalid(f"bad date {value!r} (expected YYYY-MM-DD)") from None


def _topics(data):
    topics = data.get("topics") or []
    if not isinstance(topics, list):
        raise _Invalid("topics must be a list of names")
    category = data.get("category")
    names = [*topics, category] if category is not None else topics
    for name in names:
        if not isinstance(name, str) or not name.strip() or len(name) > TOPIC_MAX_LENGTH:
            raise _Invalid(f"bad topic or category {name!r}")
    return list(dict.fromkeys(name.strip() for name in names))


def _bylines(data):
    bylines = data.get("bylines") or []
    if not isinstance(bylines, list):
        raise _Invalid("bylines must be a list of {name, role}")
    result = []
    for byline in bylines:
        if not isinstance(byline, dict):
            raise _Invalid("each byline must be an object {name, role}")
        name = byline.get("name")
        if not isinstance(name, str) or not name.strip() or len(name) > NAME_MAX_LENGTH:
            raise _Invalid(f"bad byline name {name!r}")
        role = byline.get("role") or ROLES[0]
        if role not in ROLES:
            raise _Invalid(f"unknown role {role!r} (expected one of {', '.join(ROLES)})")
        if (name.strip(), role) not in result:
            result.append((name.strip(), role))
    return result
