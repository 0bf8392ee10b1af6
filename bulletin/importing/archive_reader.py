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

# How messages name what a line holds: in Chinese, with the JSON key the export has to fix.
FIELDS = {
    "title": "标题（title）",
    "body": "正文（body）",
    "date": "日期（date）",
    "topics": "专题（topics）",
    "topic": "专题或类别（topics、category）",
    "bylines": "署名（bylines）",
    "name": "署名人名（bylines 的 name）",
}


def line_label(line):
    """Where a message points in the file, as the edition importer words it: 第 12 行."""
    return f"第 {line} 行"


def line_message(line, message):
    return f"{line_label(line)}：{message}"


def _shown(value):
    return json.dumps(value, ensure_ascii=False)


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
        return line_message(self.line, self.reason)


def read_archive(lines):
    """Yield an ArchiveItem or a BadLine for each non-blank line of ``lines`` (bytes or text)."""
    for number, raw in enumerate(lines, start=1):
        try:
            text = raw.decode("utf-8") if isinstance(raw, bytes) else raw
        except UnicodeDecodeError:
            yield BadLine(number, "不是 UTF-8 编码的文字")
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
        raise _Invalid(f"不是有效的 JSON（第 {error.colno} 列：{error.msg}）") from None
    if not isinstance(data, dict):
        raise _Invalid("每行应是一个 JSON 对象 {...}")
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
        raise _Invalid(f"缺少{FIELDS[key]}")
    if not isinstance(value, str) or not value.strip():
        raise _Invalid(f"{FIELDS[key]}必须是不为空的文字")
    return _checked(key, value, max_length)


def _checked(what, value, max_length):
    """``value`` stripped, if XML and the database can hold it and it is no longer than ``max_length``."""
    # Before stripping, which would take a form feed at either end silently, and so that the
    # position is the one in the file.
    if found := unsafe_characters(value):
        offset, character = found[0]
        more = f"（另有 {len(found) - 1} 处）" if len(found) > 1 else ""
        raise _Invalid(
            f"{FIELDS[what]}的第 {offset + 1} 个字符是 {describe(character)}{more}，订阅格式和数据库都无法"
            "保存这类字符；请修正导出的文件"
        )
    value = value.strip()
    if len(value) > max_length:
        raise _Invalid(f"{FIELDS[what]}有 {len(value):,} 个字，最多 {max_length:,} 个")
    return value


def _date(data):
    value = data.get("date")
    if value is None:
        raise _Invalid(f"缺少{FIELDS['date']}")
    try:
        day = date.fromisoformat(value)
    except (TypeError, ValueError):
        raise _Invalid(f"日期 {_shown(value)} 不对，应写作 YYYY-MM-DD") from None
    if day < EARLIEST_DATE:
        raise _Invalid(f"日期 {value} 早于 {EARLIEST_DATE:%Y-%m-%d}")
    return day


def _topics(data):
    topics = data.get("topics") or []
    if not isinstance(topics, list):
        raise _Invalid(f"{FIELDS['topics']}应是名称的列表")
    category = data.get("category")
    names = [*topics, category] if category is not None else topics
    if len(names) > MAX_TOPICS:
        raise _Invalid(f"有 {len(names)} 个专题和类别，最多 {MAX_TOPICS} 个")
    for name in names:
        if not isinstance(name, str) or not name.strip():
            raise _Invalid(f"{FIELDS['topic']} {_shown(name)} 不对，应是不为空的文字")
        _checked("topic", name, TOPIC_MAX_LENGTH)
    return list(dict.fromkeys(name.strip() for name in names))


def _bylines(data):
    bylines = data.get("bylines") or []
    if not isinstance(bylines, list):
        raise _Invalid(f"{FIELDS['bylines']}应是 {{name, role}} 的列表")
    if len(bylines) > MAX_BYLINES:
        raise _Invalid(f"有 {len(bylines)} 个署名，最多 {MAX_BYLINES} 个")
    result = []
    for byline in bylines:
        if not isinstance(byline, dict):
            raise _Invalid("每个署名应是一个对象 {name, role}")
        name = byline.get("name")
        if not isinstance(name, str) or not name.strip():
            raise _Invalid(f"{FIELDS['name']} {_shown(name)} 不对，应是不为空的文字")
        name = _checked("name", name, NAME_MAX_LENGTH)
        role = byline.get("role") or ROLES[0]
        if role not in ROLES:
            raise _Invalid(f"未知的署名身份 {_shown(role)}，只能是 {'、'.join(ROLES)}")
        if (name, role) not in result:
            result.append((name, role))
    return result
