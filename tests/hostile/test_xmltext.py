"""bulletin/xmltext.py against an XML parser: it removes exactly what expat refuses, no more."""

import xml.parsers.expat
from xml.sax.saxutils import escape

import pytest

from bulletin.xmltext import describe, unsafe_characters, xml_safe, xml_safe_data


def expat_accepts(character):
    parser = xml.parsers.expat.ParserCreate("UTF-8")
    try:
        # surrogatepass: a lone surrogate reaches the parser as the bytes UTF-8 would give it.
        parser.Parse(f"<a>{escape(character)}</a>".encode("utf-8", "surrogatepass"), True)
    except xml.parsers.expat.ExpatError:
        return False
    return True


def test_unsafe_exactly_where_expat_refuses():
    # Every code point of the Basic Multilingual Plane (surrogates included) and the first and
    # last of each plane beyond it.
    code_points = [*range(0x10000), *(plane * 0x10000 + end for plane in range(1, 17) for end in (0, 0xFFFD, 0xFFFF))]
    disagree = [
        f"U+{code:04X}" for code in code_points if expat_accepts(chr(code)) == bool(unsafe_characters(chr(code)))
    ]
    assert disagree == []


def test_xml_safe_removes_them_and_keeps_the_rest():
    text = "上街\x0c区\t政务\r\n服务\ud800中心\uffff🎉"
    assert xml_safe(text) == "上街区\t政务\r\n服务中心🎉"
    assert unsafe_characters(text) == [(2, "\x0c"), (11, "\ud800"), (14, "\uffff")]


def test_xml_safe_data_goes_through_containers():
    data = {"title": "a\x0bb", "categories": ("c\x1fd",), "items": [{"n": 1, "text": "\x00e"}], "date": None}
    assert xml_safe_data(data) == {"title": "ab", "categories": ("cd",), "items": [{"n": 1, "text": "e"}], "date": None}


@pytest.mark.parametrize(
    "character, name",
    [
        ("\x0c", "control character U+000C"),
        ("\ud800", "lone surrogate U+D800 (half of a UTF-16 pair)"),
        ("\ufffe", "non-character U+FFFE"),
    ],
)
def test_describe(character, name):
    assert describe(character) == name
