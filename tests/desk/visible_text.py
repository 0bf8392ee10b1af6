"""The words of an admin screen a sighted person reads: text outside scripts and styles, including
what a click shows (menus, dialogs, filters, hidden when the page loads), and the attributes a
browser shows (placeholders, tooltips, button labels, image alternatives).

Text only screen readers get (Wagtail's "w-sr-only" elements and aria-label attributes) is left
out: some of it is hard-coded English in Wagtail's templates, which no catalogue can translate.
"""

import re
from html.parser import HTMLParser

SHOWN_ATTRIBUTES = ("placeholder", "title", "alt", "data-w-tooltip-content-value")
NEVER_SHOWN = {"script", "style", "template", "svg", "noscript"}
# Elements with no end tag: they open no subtree to hide.
VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}
# An English word: two or more Latin letters in a row.
ENGLISH_WORD = re.compile(r"[A-Za-z]{2,}")


def _is_hidden(tag, attrs, opened):
    return (
        tag in NEVER_SHOWN
        or ("hidden" in attrs and not opened)
        # A counter Wagtail's script fills in before it shows it: empty ("None") until then.
        or "data-side-panel-toggle-counter" in attrs
        or "w-sr-only" in (attrs.get("class") or "").split()
        or (tag == "input" and attrs.get("type") == "hidden")
    )


class _Text(HTMLParser):
    def __init__(self, opened):
        super().__init__(convert_charrefs=True)
        self.opened = opened
        self.open = []  # for each open element: is it (or an ancestor) hidden?
        self.chunks = []

    @property
    def hidden(self):
        return bool(self.open) and self.open[-1]

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        hidden = self.hidden or _is_hidden(tag, attrs, self.opened)
        if tag not in VOID:
            self.open.append(hidden)
        if hidden:
            return
        self.chunks += [attrs[name] for name in SHOWN_ATTRIBUTES if attrs.get(name)]
        if tag == "input" and attrs.get("type") in {"submit", "button"} and attrs.get("value"):
            self.chunks.append(attrs["value"])

    def handle_endtag(self, tag):
        if tag not in VOID and self.open:
            self.open.pop()

    def handle_data(self, data):
        if not self.hidden and data.strip():
            self.chunks.append(data.strip())


def visible_text(html, opened=False):
    """``opened``: with what is hidden until a click shows it (menus, dialogs, filters) as well."""
    parser = _Text(opened)
    parser.feed(html)
    return parser.chunks


def english_words(html, allowed=frozenset(), opened=True):
    """Each piece of visible text with an English word in it that is not allowed."""
    chunks = visible_text(html, opened)
    return sorted({chunk for chunk in chunks if set(ENGLISH_WORD.findall(chunk)) - allowed})
