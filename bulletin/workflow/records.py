"""What the workflow's record says about a story, for readers: who published it (责任编辑).

Wagtail logs every publish (PageLogEntry "wagtail.publish") with the user who did it: the
editor who approved the review task, or who published directly. Imports and scheduled
publishing log no user, and then the story names no editor.
"""

from wagtail.models import PageLogEntry


def publishing_editor(page):
    """The user who last published ``page`` (one query), or None."""
    entry = (
        PageLogEntry.objects.filter(page=page, action="wagtail.publish", user__isnull=False)
        .select_related("user")
        .order_by("-timestamp", "-pk")
        .first()
    )
    return entry.user if entry else None


def editor_name(user):
    """How the story page names an editor: family name then given name, as Chinese names are
    written (no space). Never the username: that is half of an admin login, not for readers; an
    editor without a name in the admin is not named."""
    if user is None:
        return ""
    return f"{user.last_name}{user.first_name}".strip()
