"""Our Chinese for Wagtail's admin stays in force across Wagtail upgrades.

Each override is a msgid of Wagtail's: if an upgrade rewords one, ours silently stops applying
and the English comes back. Wagtail's English catalogues (locale/en) list every msgid its code and
templates use, so each of ours must be there. The compiled .mo files are committed (a fresh clone
needs no gettext tools), so each must say exactly what its .po says.
"""

from pathlib import Path

import polib
import pytest
import wagtail
from django.utils import translation

PROJECT = Path(__file__).resolve().parents[2]
OUR_CATALOGUES = sorted(PROJECT.glob("bulletin/*/locale/zh_Hans/LC_MESSAGES/django.po"))


def wagtail_msgids():
    msgids = set()
    for catalogue in Path(wagtail.__file__).parent.glob("**/locale/en/LC_MESSAGES/django*.po"):
        msgids |= {entry.msgid for entry in polib.pofile(str(catalogue))}
    return msgids


def translations(catalogue):
    return {(e.msgid, e.msgid_plural): e.msgstr_plural or e.msgstr for e in catalogue if e.msgid}


def test_our_catalogues_are_found():
    assert {path.parent.parent.parent.parent.name for path in OUR_CATALOGUES} >= {"admin_chinese", "workflow"}


@pytest.mark.parametrize("catalogue", OUR_CATALOGUES, ids=lambda path: path.parts[-5])
def test_every_override_is_a_string_wagtail_still_uses(catalogue):
    ours = [entry.msgid for entry in polib.pofile(str(catalogue)) if entry.msgid]
    assert sorted(set(ours) - wagtail_msgids()) == []


@pytest.mark.parametrize("catalogue", OUR_CATALOGUES, ids=lambda path: path.parts[-5])
def test_the_committed_mo_is_compiled_from_the_po(catalogue):
    compiled = polib.mofile(str(catalogue.with_suffix(".mo")))
    assert translations(compiled) == translations(polib.pofile(str(catalogue)))


@pytest.mark.parametrize("catalogue", OUR_CATALOGUES, ids=lambda path: path.parts[-5])
def test_django_uses_every_override(catalogue):
    """Each msgid translates to our msgstr in the running site (our apps come before Wagtail's)."""
    with translation.override("zh-hans"):
        for entry in polib.pofile(str(catalogue)):
            if entry.msgid and not entry.msgid_plural:
                assert translation.gettext(entry.msgid) == entry.msgstr, entry.msgid
