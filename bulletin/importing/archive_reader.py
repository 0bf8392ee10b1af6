"""Reading an archive of stories, one JSON object per line (JSONL). No Django.

Each line: ``{"title", "body", "date", "kind", "topics", "category", "bylines"}``; only title,
body and date are required. A line without a kind gets one from its category by the rules
editors keep (importing.CategoryKindRule), applied by the importer. A line that cannot be
imported becomes a BadLine with its number and the reason, so that the command can report every
bad line before writing anything.

A line is bad if anything it says could not be stored or served: text XML cannot carry (a
control character or lone surrogate that JSON's \\u escapes let through, see bulletin/xmltext.py),
text over the sizes below, a date the database cannot hold. An archive is an export from
another system, so such a character means the export went wrong (a lone surrogate is half of
a character): the line is refused, not silently changed. Whatever passes here can be written.
"""

import hashlib
import json
from dataclasses import dataclass, field
from datetime import date

from bulletin.xmltext import describe, unsafe_characters

from .edition_parser import ROLES

KINDS = ("article", "brief", "notice")
# The sizes a line may have, in characters. Titles, names and topics are what their columns hold.
TITLE_MAX_LENGTH = 255  # Wagtail's Page.title
NAME_MAX_LENGTH = 50  # Person.name
TOPIC_MAX_LENGTH = 100  # taggit's TagBase.name
# The archive's longest story is some 21,000 characters. A body far longer is not a story (a
# 9.4 MB one made every search that matched it take two seconds).
BODY_MAX_LENGTH = 50_000
MAX_TOPICS = 20  # topics and category together
MAX_BYLINES = 20
# Earlier dates are typing errors, and date(1, 1, 1) in Beijing time is before UTC can count.
EARLIEST_DATE = date(1900, 1, 1)


@dataclass
class ArchiveItem:
    line: int
    title: str
    body: str
    date: date
    kind: str | None = None  # None: the line names none; the category rules decide
    topics: list[str] = field(default_factory=list)
    bylines: list[tuple[str, str]] = field(default_factory=list)
    category: str | None = None

    @property
    def source_key(self):
        """Who the item is: its date, headline and text. Re-reading the same item finds the same key."""
        identity = json.dumps([self.date.isoformat(), self.title, self.body], ensure_ascii=False)
        return "archive/" + hashlib.sha256(identity.encode()).hexdigest()


def paragraphs(body):
    """A body's paragraphs: its non-blank lines."""
    return [line.strip() for line in body.split("\n") if line.strip()]


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
            yield _item(number, text.rstrip("\r\n"))
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
    body = _text(data, "body", BODY_MAX_LENGTH)
    kind = data.get("kind") or None
    if kind is not None and kind not in KINDS:
        raise _Invalid(
            f"未知的稿件类型 {json.dumps(kind, ensure_ascii=False)}：kind 只能是 article（新闻）、brief（简讯）"
            "或 notice（通知公告），不写则按类别规则判断"
        )
    topics = _topics(data)
    category = data.get("category")
    category = category.strip() if isinstance(category, str) else None  # checked with the topics
    return ArchiveItem(number, title, body, _date(data), kind, topics, _bylines(data), category or None)


def _text(data, key, max_length):
    value = data.get(key)
    if value is None:
        raise _Invalid(f"missing {key}")
    if not isinstance(value, str) or not value.strip():
        raise _Invalid(f"{key} must be non-empty text")
    return _checked(key, value, max_length)


def _checked(what, value, max_length):
    """``value`` stripped, if XML and the database can hold it and it is no longer than ``max_length``."""
    # Before stripping, which would take a form feed at either end silently, and so that the
    # position is the one in the file.
    if found := unsafe_characters(value):
        offset, character = found[0]
        more = f" (and {len(found) - 1} more)" if len(found) > 1 else ""
        raise _Invalid(
            f"{what} holds a {describe(character)} at character {offset + 1}{more}, which feeds and "
            "the database cannot carry; fix the export"
        )
    value = value.strip()
    if len(value) > max_length:
        raise _Invalid(f"{what} is {len(value):,} characters long (at most {max_length:,})")
    return value


def _date(data):
    value = data.get("date")
    if value is None:
        raise _Invalid("missing date")
    try:
        day = date.fromisoformat(value)
    except (TypeError, ValueError):
        raise _Invalid(f"bad date {value!r} (expected YYYY-MM-DD)") from None
    if day < EARLIEST_DATE:
        raise _Invalid(f"date {value} is before {EARLIEST_DATE:%Y-%m-%d}")
    return day


def _topics(data):
    topics = data.get("topics") or []
    if not isinstance(topics, list):
        raise _Invalid("topics must be a list of names")
    category = data.get("category")
    names = [*topics, category] if category is not None else topics
    if len(names) > MAX_TOPICS:
        raise _Invalid(f"{len(names)} topics (at most {MAX_TOPICS})")
    for name in names:
        if not isinstance(name, str) or not name.strip():
            raise _Invalid(f"bad topic or category {name!r}")
        _checked("topic or category", name, TOPIC_MAX_LENGTH)
    return list(dict.fromkeys(name.strip() for name in names))


def _bylines(data):
    bylines = data.get("bylines") or []
    if not isinstance(bylines, list):
        raise _Invalid("bylines must be a list of {name, role}")
    if len(bylines) > MAX_BYLINES:
        raise _Invalid(f"{len(bylines)} bylines (at most {MAX_BYLINES})")
    result = []
    for byline in bylines:
        if not isinstance(byline, dict):
            raise _Invalid("each byline must be an object {name, role}")
        name = byline.get("name")
        if not isinstance(name, str) or not name.strip():
            raise _Invalid(f"bad byline name {name!r}")
        name = _checked("byline name", name, NAME_MAX_LENGTH)
        role = byline.get("role") or ROLES[0]
        if role not in ROLES:
            raise _Invalid(f"unknown role {role!r} (expected one of {', '.join(ROLES)})")
        if (name, role) not in result:
            result.append((name, role))
    return result
