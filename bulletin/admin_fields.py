"""The Wagtail admin's text form fields, made to drop what XML cannot carry (bulletin/xmltext.py).

Editors paste from word processors and PDFs, which bring invisible control characters (a
vertical tab for a line break, a form feed at a page end). They show nowhere, so a form that
refused them would name something the editor cannot see or find; the fields remove them
instead, as the form reads the text, and the editor saves what the screen showed.

Registered with Wagtail's own hook for model form fields (``register_form_field_override``), so
every admin form gets them: page editors and their inline panels, and every snippet, without a
line in their models: one-line fields (titles, names), text areas and StreamField bodies.
"""

from django import forms
from django.db import models
from wagtail.admin.forms.models import DIRECT_FORM_FIELD_OVERRIDES, register_form_field_override
from wagtail.blocks import BlockField
from wagtail.fields import StreamField

from .xmltext import xml_safe, xml_safe_data


class XmlSafeCharField(forms.CharField):
    """The form field of a model CharField or TextField (a title, a name, a brief's body, a correction)."""

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
    # exact_class: CharField's subclasses keep their own form fields; the only one in our models
    # is a slug, whose validator refuses control characters. RichTextField has its own form field.
    # Wagtail's own override for TextField (an auto-height text area) is kept. A field with
    # choices (a byline's role) still gets Django's choice field, which refuses any other value;
    # a widget a panel or form asks for still wins, as the override only supplies defaults.
    for field_class in (models.CharField, models.TextField):
        wagtail_override = DIRECT_FORM_FIELD_OVERRIDES.get(field_class, {})
        register_form_field_override(
            field_class, override={**wagtail_override, "form_class": XmlSafeCharField}, exact_class=True
        )
    register_form_field_override(StreamField, override={"form_class": XmlSafeBlockField})
