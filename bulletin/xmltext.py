"""XML-safe text: the one definition of the characters a story may not hold.

Feeds and the sitemap are XML 1.0, which has no way to carry the C0 control characters other
than tab, line feed and carriage return (a form feed from a layout system, a vertical tab from a
word processor, ESC, NUL), nor U+FFFE, U+FFFF or a lone surrogate (half of a UTF-16 pair, which
a Python str can hold once JSON's "\\ud800" has been decoded, but UTF-8 cannot encode). They are
also what the databases refuse: PostgreSQL stores no NUL, and neither database can store a lone
surrogate. None of them shows on a page.

Every write path keeps them out (``import_edition`` removes them with a warning,
``import_articles`` refuses the line, every text field of the admin's forms removes them: see
``bulletin/admin_fields.py``) and every XML output removes them again, for text stored before
or around those paths. Pure Python, no Django.
"""

import re

# The complement of XML 1.0's Char production, https://www.w3.org/TR/xml/#charsets.
NOT_XML_CHARACTER = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def unsafe_characters(text):
    """(offset, character) for each character of ``text`` that XML 1.0 cannot hold."""
    return [(match.start(), match.group()) for match in NOT_XML_CHARACTER.finditer(text)]


def xml_safe(text):
    """``text`` without the characters XML 1.0 cannot hold. They are removed, not replaced: in
    Chinese text a stray control character stands between two characters that belong together."""
    return NOT_XML_CHARACTER.sub("", text)


def xml_safe_data(value):
    """``value`` with every string in it made XML-safe, through lists, tuples and dicts."""
    if isinstance(value, str):
        return xml_safe(value)
    if isinstance(value, dict):
        return {key: xml_safe_data(item) for key, item in value.items()}
    if isinstance(value, (list, tuple)):
        return type(value)(xml_safe_data(item) for item in value)
    return value


def describe(character):
    """How a message names a character nobody can see: "control character U+000C"."""
    code = f"U+{ord(character):04X}"
    if "\ud800" <= character <= "\udfff":
        return f"lone surrogate {code} (half of a UTF-16 pair)"
    if character in "\ufffe\uffff":
        return f"non-character {code}"
    return f"control character {code}"
