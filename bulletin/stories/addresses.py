"""Short, stable story addresses: ``/news/2023/11/28/1234/`` (the story index, the date, the id).

A story's address no longer depends on its slug (a headline of up to 60 characters,
percent-encoded nine bytes a character): it is found by its id, so a title edit changes
nothing, and the date is there for readers. Every address a story ever had answers with a 301
to the current one:

* ``/news/<slug>/``, the long address before this change, while the slug is the story's;
* ``/news/<old slug>/`` after an editor changed the slug: a Wagtail redirect (admin, 重定向) made
  when the slug changes. Wagtail makes those itself only when ``page.url`` changes, which it no
  longer does;
* ``/news/<other date>/<id>/`` after an editor changed the story's date.

One prefix for every kind: articles, briefs and notices all live under the story index (/news/),
and a reader's address does not change when an article is flagged as a notice.
"""

import re

# Ids of at most nine digits: a larger number is past what an integer column holds (PostgreSQL
# would refuse the query) and can be no story.
SHORT_PATH = re.compile(r"^(\d{4})/(\d{2})/(\d{2})/(\d{1,9})$")


def story_path(index_path, date, pk):
    """The story's path on the site, under its index's path ("/news/")."""
    return f"{index_path}{date:%Y/%m/%d}/{pk}/"


def parent_path(page_path):
    """ "/news/some-slug/" → "/news/": the path of the page above, from a page's own."""
    return page_path[: page_path.rstrip("/").rfind("/") + 1]


def short_route(path_components):
    """(date parts, id) for ``["2023", "11", "28", "1234"]``, else None."""
    match = SHORT_PATH.match("/".join(path_components))
    if not match:
        return None
    return match.groups()[:3], int(match.group(4))


def keep_old_slug_address(sender, instance_before, instance, **kwargs):
    """page_slug_changed: the address under the old slug goes on to the story (a 301)."""
    from wagtail.contrib.redirects.models import Redirect
    from wagtail.models import Page

    from .models import StoryPage

    if not isinstance(instance, StoryPage):
        return
    # Wagtail's own address of the story as it was: the long one, by slug.
    parts = Page.get_url_parts(instance_before)
    if not parts or not parts[2]:
        return
    Redirect.objects.update_or_create(
        old_path=Redirect.normalise_path(parts[2]),
        site=None,
        defaults={"redirect_page": instance, "is_permanent": True},
    )


def connect():
    from wagtail.signals import page_slug_changed

    page_slug_changed.connect(keep_old_slug_address, dispatch_uid="stories-old-slug-address")
