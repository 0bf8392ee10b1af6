"""The Wagtail admin's text form fields, made to drop what XML cannot carry (bulletin/xmltext.py).

Editors paste from word processors and PDFs, which bring invisible control characters (a
vertical tab for a line break, a form feed at a page end). They show nowhere, so a form that
refused them would name something the editor cannot see or find; the fields remove them
instead, as the form reads the text, and the editor saves what the screen showed.

Registered with Wagtail's own hook for model form fields (``register_form_field_override``), so
every admin form gets them: page editors and their inline panels, and every snippet (people,
topics, editions, the search app's synonyms and local names) without a line in their models.
"""

from django import forms
from django.db import models
from wagtail.admin.forms.models import DIRECT_FORM_FIELD_OVERRIDES, register_form_field_override
from wagtail.blocks import BlockField
from wagtail.fields import StreamField

from .xmltext import xml_safe, xml_safe_data


class XmlSafeCharField(forms.CharField):
    def to_python(self, value):
        # Before CharField strips: a form feed at either end leaves no space behind.
        return super().to_python(xml_safe(value) if isinstance(value, str) else value)


class XmlSafeBlockField(BlockField):
    """A StreamField's form field: every text in its blocks (rich text, headings, captions, quotes)."""

    def clean(self, value):
        raw = self.block.get_prep_value(value)
        safe = xml_safe_data(raw)
        if safe != raw:
            value = self.block.to_python(safe)
        return super().clean(value)


def register():
    """Called once, from StoriesConfig.ready(), before any admin form class is built."""
    for field_class in (models.CharField, models.TextField):
        # exact_class: CharField's subclasses (slugs, e-mails, URLs) keep their own form fields,
        # whose validators refuse control characters anyway. Wagtail's own override for
        # TextField (an auto-height text area) is kept.
        wagtail_override = DIRECT_FORM_FIELD_OVERRIDES.get(field_class, {})
        register_form_field_override(
            field_class, override={**wagtail_override, "form_class": XmlSafeCharField}, exact_class=True
        )
    register_form_field_override(StreamField, override={"form_class": XmlSafeBlockField})
