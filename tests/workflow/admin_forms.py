"""Driving the Wagtail admin as the newsroom does: story forms as a browser posts them (the brief
and article editors, with their inline bylines and corrections). Accounts and stories are made
by tests/newsroom.py."""

from django.urls import reverse
from django.utils.text import slugify
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield


def is_refused(response):
    """Wagtail's answer to a user who may not do something: 403, or back to the dashboard."""
    if response.status_code == 302:
        return response["Location"] == reverse("wagtailadmin_home")
    return response.status_code == 403


def brief_form(title, body=None, slug=None, date="2023-11-28", bylines=(), corrections=(), **extra):
    """The POST data of the admin's brief form (BriefPage), as the browser would send it.

    ``bylines`` and ``corrections`` are the inline forms: (person, role) pairs, and dicts of
    correction fields; those with an "id" are the ones already saved, and come first.
    """
    saved_corrections = sum(1 for correction in corrections if correction.get("id"))
    return nested_form_data(
        {
            "title": title,
            "slug": slug or slugify(title, allow_unicode=True),
            "body": body or f"{title}的正文。",
            "date": date,
            "print_page": "",
            "bylines": inline_formset([{"person": p.pk, "role": role} for p, role in bylines]),
            "corrections": inline_formset(list(corrections), initial=saved_corrections),
            "comments": inline_formset([]),
            **extra,
        }
    )


def article_form(title, paragraph, slug, **extra):
    """The POST data of the admin's article form (ArticlePage), body as one rich-text paragraph."""
    return nested_form_data(
        {
            "column": "",
            "title": title,
            "subtitle": "",
            "slug": slug,
            "date": "2023-11-28",
            "print_page": "",
            "bylines": inline_formset([]),
            "lead_image_caption": "",
            "lead_image_credit": "",
            "body": streamfield([("paragraph", rich_text(f"<p>{paragraph}</p>"))]),
            "issuing_body": "",
            "corrections": inline_formset([]),
            "comments": inline_formset([]),
            **extra,
        }
    )


def add_url(story_index, model="briefpage"):
    return reverse("wagtailadmin_pages:add", args=["stories", model, story_index.pk])


def edit_url(page):
    return reverse("wagtailadmin_pages:edit", args=[page.pk])


def form_of(page, **changes):
    """The brief form filled in from ``page``'s latest revision, with ``changes`` applied."""
    page = type(page).objects.get(pk=page.pk).get_latest_revision_as_object()  # as saved, not as held
    fields = {"title": page.title, "body": page.body, "slug": page.slug, "date": page.date.isoformat()}
    fields.update(changes)
    corrections = fields.pop("corrections", [])
    return brief_form(
        bylines=[(b.person, b.role) for b in page.bylines.all()],
        corrections=[
            {"id": c.pk, "date": c.date.isoformat(), "type": c.type, "text": c.text} for c in page.corrections.all()
        ]
        + corrections,
        **fields,
    )
