"""Stable URL slugs for Chinese names.

Django's ``slugify`` drops every Chinese character, so a topic called 助残 would get an empty
slug. We keep the characters (``allow_unicode``): browsers show them as typed and Django
resolves the percent-encoded form. A slug is stored once and never re-derived, so renaming a
topic or a person does not break links already shared.
"""

from django.utils.text import slugify


def unique_slug(text, taken, max_length=80, fallback="item"):
    """Slugify ``text`` and append -2, -3 … until ``taken(slug)`` is False."""
    base = slugify(text, allow_unicode=True)[:max_length].strip("-") or fallback
    slug, n = base, 1
    while taken(slug):
        n += 1
        suffix = f"-{n}"
        slug = base[: max_length - len(suffix)] + suffix
    return slug


class UnicodeSlugConverter:
    """URL converter for these slugs: letters of any script, digits, "_" and "-", as SlugField
    with allow_unicode validates them. Anything else (a NUL byte, which PostgreSQL refuses in a
    query) is a 404 before a view runs."""

    regex = r"[-\w]+"

    def to_python(self, value):
        return value

    def to_url(self, value):
        return value
