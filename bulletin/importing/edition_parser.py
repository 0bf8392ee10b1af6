"""Reading one print edition, as text, into stories and briefs.

Pure Python: text in, dataclasses out, no Django. The writer (``pages.py``) turns the result into
Wagtail pages, so everything here can be checked without a database.

The format (see demo/edition-2023-11-28.txt):

* ``## 标题`` starts a story. A ``### `` directly under it is its subtitle, or, when the ``## `` is
  a column name such as 深入实施“十大战略”, the real headline. A ``### `` further down is a
  subheading inside the body.
* ``●`` starts a brief (简讯). ``## 简讯`` is the header of the briefs column, not a story.
* A paragraph in brackets naming roles, ``(记者 王浩 通讯员 李莉)``, closes a story or brief and
  gives its bylines. Half- or full-width brackets; names may wrap onto the next line.

Print layout leaves artifacts that are healed here, each with a warning that names the lines:
page breaks that split a sentence (even a word) across paragraphs, a stray credit standing in the
middle of a story, a brief printed twice. Text is never dropped: whatever cannot be healed is kept
and reported. Only invisible control characters that XML feeds cannot carry (a form feed the
layout system puts at a page end) are removed, each line with a warning.
"""

import re
from dataclasses import dataclass, field
from datetime import date

from bulletin.xmltext import describe, unsafe_characters, xml_safe

ROLES = ("记者", "通讯员", "摄影", "实习生")
# Longer spellings print bylines use for the same roles.
ROLE_ALIASES = {"本报记者": "记者", "见习记者": "记者", "特约通讯员": "通讯员"}
ROLE_WORDS = {**{role: role for role in ROLES}, **ROLE_ALIASES}

# Longer than any name: a bracket holding longer words, or that much text, is not a byline.
PRINTED_NAME_MAX_LENGTH = 20
BYLINE_TAIL_MAX_LENGTH = 30  # the names a page break carried over to the next paragraph

BRIEFS_HEADER = "简讯"
BRIEF_MARK = "●"
# A paragraph ending with one of these ends a sentence; any other ending was cut by the layout.
SENTENCE_END = "。！？!?…”」』"
NOTICE_WORDS = ("提醒", "通知", "公告", "通告", "启事")
# A column heading is short, has no space (headlines often do) and quotes a slogan.
COLUMN_MAX_LENGTH = 12
# Room for the whole first clause of a brief (the seed's longest is 33 characters): cut shorter,
# a title loses what happened ("…开展了大学生…").
BRIEF_TITLE_LENGTH = 36

_HEADING = re.compile(r"^(#{2,6})\s*(.*?)\s*$")
_OPEN = "(（"
_CLOSE = ")）"
_ROLE_ALTERNATIVES = "|".join(sorted(ROLE_WORDS, key=len, reverse=True))
_BYLINE_START = re.compile(rf"^[{_OPEN}]\s*(?:{_ROLE_ALTERNATIVES})")
# A byline printed at the end of the last paragraph instead of on its own line.
_TRAILING_BYLINE = re.compile(rf"[{_OPEN}]\s*(?:{_ROLE_ALTERNATIVES})[^{_OPEN}{_CLOSE}]*[{_CLOSE}]\s*$")
_NAME_SEPARATORS = re.compile(r"[\s\u3000、，,/]+")
_ROLE_PREFIX = re.compile(rf"^({_ROLE_ALTERNATIVES})(.+)$")
_NOT_A_NAME = re.compile(r"[。！？：；!?:;“”\"]")
_QUOTED = re.compile(r"“[^”]+”|「[^」]+」|\"[^\"]+\"")
_EFFECTIVE_DATE = re.compile(r"(\d{4})年(\d{1,2})月(\d{1,2})日(?:零时|0时)?(?:起|开始施行|施行)")
_ISSUING_BODY = re.compile(r"(?:从|由|据|经|^)((?:上街)?区[\u4e00-\u9fff]{1,12}?(?:委员会|办公室|局|委|办|中心|政府))")
_LEADING_TIME = re.compile(
    r"^(?:近日|日前|近期|连日来|近年来|今年以来|目前|[^，。,]{1,8}?(?:以来|期间|之际|前夕)"
    r"|\d{1,2}月\d{1,2}日(?:上午|下午|晚上?)?)[，,]"
)
# A numbered point starts its own paragraph even when the one before ends without punctuation.
_PARAGRAPH_START = re.compile(r"^(?:[一二三四五六七八九十]+、|[(（][一二三四五六七八九十\d]+[)）]|\d+[、.．])")
_CLAUSE_END = re.compile(r"[，。；！？,;!?：:]")


class EditionFormatError(ValueError):
    """The text cannot be read as an edition. Carries the line where reading stopped."""

    def __init__(self, line, message):
        super().__init__(f"第 {line} 行：{message}")
        self.line = line
        self.message = message


@dataclass(frozen=True)
class Byline:
    name: str
    role: str


@dataclass
class Block:
    type: str  # "paragraph" or "subheading"
    text: str
    line: int


# Where an editor changes what the importer decided about a story.
IN_ADMIN = "在管理后台“页面 → 新闻”中打开这篇稿件"


@dataclass
class ParseWarning:
    """What the importer decided about a line, why, and where in the admin to change it.

    ``check``: an editor should look (a guess was made, or something could not be healed);
    otherwise the importer healed a print artifact and nothing needs doing.
    """

    line: int | None
    message: str
    check: bool = False

    def __str__(self):
        mark = "【请核对】" if self.check else "【已自动处理】"
        return f"第 {self.line} 行：{mark}{self.message}" if self.line else f"{mark}{self.message}"


def warnings_summary(warnings):
    """One line saying whether anything in ``warnings`` needs an editor."""
    to_check = sum(1 for warning in warnings if warning.check)
    healed = len(warnings) - to_check
    if to_check:
        return f"需要注意：{to_check} 处请编辑核对（标有【请核对】，每条说明了在后台哪里修改），{healed} 处已自动处理。"
    if healed:
        return f"没有需要注意的地方：{healed} 处排版问题已自动处理（见上方说明）。"
    return "没有需要注意的地方。"


@dataclass
class Story:
    """One article or brief as printed, in plain text."""

    kind: str  # "article", "brief", or "notice" (an article whose headline announces something)
    line: int
    title: str = ""
    subtitle: str = ""
    column: str = ""
    blocks: list[Block] = field(default_factory=list)
    bylines: list[Byline] = field(default_factory=list)
    effective_date: date | None = None
    issuing_body: str = ""

    @property
    def is_brief(self):
        return self.kind == "brief"

    @property
    def is_notice(self):
        return self.kind == "notice"

    def paragraphs(self):
        """The body as plain paragraphs, subheadings included, in print order."""
        return [block.text for block in self.blocks]

    def body_text(self):
        return "\n".join(self.paragraphs())

    def searchable_text(self):
        return "\n".join([self.column, self.title, self.subtitle, *self.paragraphs()])


@dataclass
class ParsedEdition:
    stories: list[Story]
    warnings: list[ParseWarning]

    @property
    def articles(self):
        return [story for story in self.stories if not story.is_brief]

    @property
    def briefs(self):
        return [story for story in self.stories if story.is_brief]


def decode_edition(data):
    """The file's bytes as text; binary or non-UTF-8 input is an EditionFormatError."""
    if b"\x00" in data:
        line = data[: data.index(b"\x00")].count(b"\n") + 1
        raise EditionFormatError(line, "有二进制数据（NUL 字节）：这不是一期报纸的文字稿")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        raise EditionFormatError(
            line, f"不是 UTF-8 编码的文字（字节 0x{data[error.start]:02x}）：请把文件另存为 UTF-8"
        ) from None


def parse_edition(text, known_columns=()):
    """Parse an edition's text. ``known_columns`` are headings always read as column names."""
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    paragraphs = list(_paragraphs(xml_safe(line) for line in lines))
    if not any(p.text for p in paragraphs):
        raise EditionFormatError(1, "文件是空的")
    reader = _EditionReader(known_columns)
    for number, line in enumerate(lines, start=1):
        if found := unsafe_characters(line):
            names = "、".join(dict.fromkeys(describe(character) for __, character in found))
            reader.warn(
                number,
                f"删除了 {len(found)} 个看不见的控制字符（{names}）：RSS 等订阅格式无法携带这类字符，"
                "文字本身没有变化，无需修改",
            )
    for paragraph in _with_bylines_closed(paragraphs):
        reader.read(paragraph)
    return reader.finish()


@dataclass
class _Paragraph:
    """Consecutive non-blank lines, or one heading line."""

    lines: list[str]
    line: int
    heading_level: int = 0

    @property
    def text(self):
        return _join_lines(self.lines)


def _paragraphs(lines):
    current = None
    for number, raw in enumerate(lines, start=1):
        line = raw.strip(" \t\u3000\ufeff")
        heading = _HEADING.match(line)
        if not line or heading:
            if current:
                yield current
                current = None
            if heading:
                yield _Paragraph([heading.group(2)], number, heading_level=len(heading.group(1)))
            continue
        if current is None:
            current = _Paragraph([], number)
        current.lines.append(line)
    if current:
        yield current


def _join_lines(lines):
    """Join wrapped lines: Chinese runs on without a space, Latin words keep one."""
    text = ""
    for line in lines:
        if text and text[-1].isascii() and text[-1].isalnum() and line[0].isascii() and line[0].isalnum():
            text += " "
        text += line
    return text


def _with_bylines_closed(paragraphs):
    """Yield paragraphs, joining a byline that a page break cut in two and failing on one that never closes."""
    index = 0
    while index < len(paragraphs):
        paragraph = paragraphs[index]
        index += 1
        if paragraph.heading_level or not _BYLINE_START.match(paragraph.text) or _closes(paragraph.text):
            yield paragraph
            continue
        following = paragraphs[index] if index < len(paragraphs) else None
        if following and not following.heading_level and _closes(following.text) and _only_names(following.text[:-1]):
            index += 1
            yield _Paragraph(paragraph.lines + following.lines, paragraph.line)
            continue
        raise EditionFormatError(paragraph.line, f"署名 {_excerpt(paragraph.text)} 缺少结尾的“)”或“）”")


def _closes(text):
    return text[-1] in _CLOSE


def _only_names(text):
    return len(text) <= BYLINE_TAIL_MAX_LENGTH and not _NOT_A_NAME.search(text)


def parse_byline(text):
    """The people a bracketed byline names, in order, or None if the text is not a byline."""
    if len(text) < 3 or text[0] not in _OPEN or text[-1] not in _CLOSE:
        return None
    inner = text[1:-1]
    if _OPEN in inner or _CLOSE in inner or _NOT_A_NAME.search(inner):
        return None
    role, bylines = None, []
    for token in _NAME_SEPARATORS.split(inner.strip()):
        if token in ROLE_WORDS:
            role = ROLE_WORDS[token]
            continue
        prefixed = _ROLE_PREFIX.match(token)
        if prefixed:
            role, token = ROLE_WORDS[prefixed.group(1)], prefixed.group(2)
        if role is None or len(token) > PRINTED_NAME_MAX_LENGTH:
            return None
        byline = Byline(token, role)
        if byline not in bylines:
            bylines.append(byline)
    return bylines if role else None


class _EditionReader:
    """Reads paragraphs in order, keeping track of the story they belong to."""

    def __init__(self, known_columns):
        self.known_columns = set(known_columns)
        self.stories = []
        self.warnings = []
        self.story = None
        self.byline_line = None  # set once the current story's byline has been read
        self.in_briefs_column = False
        # Credits found inside a story: (line, bylines). Kept to warn, and to add new names.
        self.stray_credits = []
        self.byline_text = ""

    def warn(self, line, message, check=False):
        self.warnings.append(ParseWarning(line, message, check))

    def read(self, paragraph):
        text = paragraph.text
        if paragraph.heading_level == 2:
            self.read_story_heading(text, paragraph.line)
        elif paragraph.heading_level:
            self.read_subheading(text, paragraph.line)
        elif text.startswith(BRIEF_MARK):
            self.start(Story("brief", paragraph.line))
            self.read_text(text[len(BRIEF_MARK) :].strip(), paragraph)
        elif (bylines := parse_byline(" ".join(paragraph.lines))) is not None:
            # A line break inside a byline separates names: 崔惠霞 / 冀市里 are two people.
            self.read_byline(bylines, text, paragraph)
        else:
            self.read_text(text, paragraph)

    def read_story_heading(self, text, line):
        if re.sub(r"[\s【】\[\]]", "", text) == BRIEFS_HEADER:
            self.close()
            self.in_briefs_column = True
            return
        if not text:
            raise EditionFormatError(line, "“## ”后面没有标题")
        self.in_briefs_column = False
        self.start(Story("article", line, title=text))

    def read_subheading(self, text, line):
        if not text:
            raise EditionFormatError(line, "“### ”后面没有文字")
        story = self.story_to_continue(line, f"'### {text}'")
        if story.is_brief or story.blocks or story.subtitle:
            story.blocks.append(Block("subheading", text, line))
        else:
            story.subtitle = text

    def read_text(self, text, paragraph):
        if not text:
            return
        if self.story is None and self.in_briefs_column:
            self.warn(
                paragraph.line,
                f"简讯栏中 {_excerpt(text)} 没有以“{BRIEF_MARK}”开头，已作为一条新简讯导入。"
                f"如果它是上一条简讯的续文，请{IN_ADMIN}，把两条合并",
                check=True,
            )
            self.start(Story("brief", paragraph.line))
        story = self.story_to_continue(paragraph.line, _excerpt(text))
        trailing = _TRAILING_BYLINE.search(text)
        bylines = parse_byline(trailing.group().strip()) if trailing and trailing.start() else None
        if bylines:
            text = text[: trailing.start()].rstrip()
        story.blocks.append(Block("paragraph", text, paragraph.line))
        if bylines:
            self.read_byline(bylines, trailing.group().strip(), paragraph)

    def read_byline(self, bylines, text, paragraph):
        if self.story is None:
            raise EditionFormatError(paragraph.line, f"署名 {text} 前面没有稿件")
        if self.byline_line is not None:
            self.warn(
                paragraph.line,
                f"第 {self.byline_line} 行的署名后紧接着又有署名 {text}，两处人名已合并为这篇稿件的署名。"
                f"如有误，请{IN_ADMIN}，在“署名”中修改",
                check=True,
            )
            self.story.bylines.extend(b for b in bylines if b not in self.story.bylines)
        else:
            self.story.bylines = bylines
        self.byline_line = paragraph.line
        self.byline_text = text

    def story_to_continue(self, line, what):
        """The story text at ``line`` belongs to; a credit read before it was a stray one."""
        if self.story is None:
            raise EditionFormatError(line, f"{what} 出现在第一篇稿件之前（稿件以“## ”标题或“{BRIEF_MARK}”简讯开头）")
        if self.byline_line is not None:
            self.warn(
                self.byline_line,
                f"署名 {self.byline_text} 夹在稿件 {_excerpt(self.story.title or self.story.body_text())} 的正文中间"
                f"（正文在第 {line} 行继续），多半是排版挤进来的，已从正文移到署名。请{IN_ADMIN}，核对“署名”",
                check=True,
            )
            self.stray_credits.append((self.byline_line, self.story.bylines))
            self.story.bylines = []
            self.byline_line = None
        return self.story

    def start(self, story):
        self.close()
        self.story = story

    def close(self):
        story = self.story
        if story is None:
            return
        if not story.bylines and self.stray_credits:
            # The only credit stood inside the story: it is the story's byline after all.
            story.bylines = self.stray_credits.pop()[1]
        for line, credits in self.stray_credits:
            added = [b for b in credits if b not in story.bylines]
            if added:
                story.bylines.extend(added)
                self.warn(
                    line,
                    f"那处署名中的 {_names(added)} 已加入这篇稿件的署名。如有误，请{IN_ADMIN}，在“署名”中删去",
                    check=True,
                )
        if story.is_brief:
            story.title = brief_title(story.body_text())
        else:
            self.read_headings(story)
        self.heal_page_breaks(story)
        self.stories.append(story)
        self.story = None
        self.byline_line = None
        self.stray_credits = []

    def read_headings(self, story):
        if story.subtitle and self.is_column(story.title):
            known = story.title in self.known_columns
            story.column, story.title, story.subtitle = story.title, story.subtitle, ""
            if not known:
                self.warn(
                    story.line,
                    f"把「## {story.column}」当作栏目名、「### {story.title}」当作标题：前者短小、带引号，"
                    f"像栏目名。如果不对，请{IN_ADMIN}，修改“栏目”“标题”和“副题”。"
                    "这个栏目名保存后，以后的导入会直接认出它，不再提示",
                    check=True,
                )
        words = [word for word in NOTICE_WORDS if word in story.title]
        if words:
            story.kind = "notice"
            self.warn(
                story.line,
                f"{_excerpt(story.title)} 已归入通知公告：标题中有“{words[0]}”。如果它不是通知公告，"
                f"请{IN_ADMIN}，取消勾选“通知公告”",
                check=True,
            )
            text = story.searchable_text()
            if found := _EFFECTIVE_DATE.search(text):
                story.effective_date = _date_or_none(*found.groups())
            if found := _ISSUING_BODY.search("\n".join(story.paragraphs())):
                story.issuing_body = found.group(1)

    def is_column(self, heading):
        if heading in self.known_columns:
            return True
        return len(heading) <= COLUMN_MAX_LENGTH and not re.search(r"\s", heading) and bool(_QUOTED.search(heading))

    def heal_page_breaks(self, story):
        """Join paragraphs a page break split mid-sentence: the first ends without closing punctuation."""
        healed = []
        for block in story.blocks:
            previous = healed[-1] if healed else None
            if (
                previous
                and previous.type == block.type == "paragraph"
                and previous.text[-1] not in SENTENCE_END
                and not _PARAGRAPH_START.match(block.text)
            ):
                self.warn(
                    previous.line,
                    f"第 {previous.line}–{block.line} 行之间，排版分页把一句话断开了（{_excerpt(previous.text, tail=True)}"
                    f"|{_excerpt(block.text)}），已接回一段，无需修改。如果接错了，请{IN_ADMIN}修改正文",
                )
                healed[-1] = Block("paragraph", _join_lines([previous.text, block.text]), previous.line)
            else:
                healed.append(block)
        story.blocks = healed

    def finish(self):
        self.close()
        if not self.stories:
            raise EditionFormatError(1, f"没有找到稿件：稿件以“## ”标题或“{BRIEF_MARK}”简讯开头")
        stories = self.drop_repeats(self.stories)
        for story in stories:
            self.check(story)
        return ParsedEdition(stories, sorted(self.warnings, key=lambda warning: warning.line))

    def check(self, story):
        """Warn about what could not be healed, so that editors look at it."""
        if not story.blocks:
            self.warn(
                story.line,
                f"{_excerpt(story.title)} 没有正文，已按原样导入。请{IN_ADMIN}补上正文，或者删除它",
                check=True,
            )
        elif story.blocks[-1].type == "paragraph" and story.blocks[-1].text[-1] not in SENTENCE_END:
            last = story.blocks[-1]
            self.warn(
                last.line,
                f"正文结尾 {_excerpt(last.text, tail=True)} 没有句末标点，可能排版时丢了后半句。"
                f"请对照版面，{IN_ADMIN}补全正文",
                check=True,
            )
        if not story.bylines:
            self.warn(
                story.line,
                f"{_excerpt(story.title)} 没有署名：文中找不到“（记者 …）”这样的署名行。请{IN_ADMIN}，在“署名”中添加",
                check=True,
            )

    def drop_repeats(self, stories):
        """A story printed twice is kept once, with the byline of whichever copy has one."""
        kept = {}
        for story in stories:
            key = (story.kind, re.sub(r"\s", "", story.body_text()), story.title if not story.is_brief else "")
            first = kept.get(key)
            if first is None:
                kept[key] = story
                continue
            self.warn(
                story.line,
                f"{_excerpt(story.body_text())} 与第 {first.line} 行的稿件相同（版面上印了两次），只导入一次，无需修改",
            )
            if not first.bylines:
                first.bylines = story.bylines
        return list(kept.values())


def brief_title(text):
    """A headline for a brief, which print runs without one: its first clause, without the time phrase."""
    sentence = _LEADING_TIME.sub("", text.split("\n")[0], count=1)
    clause = _CLAUSE_END.split(sentence, maxsplit=1)[0].strip() or sentence.strip()
    return _shorten(clause, BRIEF_TITLE_LENGTH)


def _shorten(text, length):
    """``text`` cut to about ``length`` characters if longer, not in the middle of a quoted phrase."""
    if len(text) <= length:
        return text
    cut = length - 1
    for quoted in _QUOTED.finditer(text):
        if quoted.start() < cut < quoted.end():
            cut = quoted.start() if quoted.start() >= length // 3 else quoted.end()
            break
    if cut >= len(text):
        return text
    return text[:cut].rstrip(" 、") + "…"


def _date_or_none(year, month, day):
    try:
        return date(int(year), int(month), int(day))
    except ValueError:
        return None


def _names(bylines):
    return " ".join(f"{b.role} {b.name}" for b in bylines)


def _excerpt(text, length=12, tail=False):
    text = text.replace("\n", " ")
    if len(text) > length:
        text = f"…{text[-length:]}" if tail else f"{text[:length]}…"
    return f'"{text}"'
