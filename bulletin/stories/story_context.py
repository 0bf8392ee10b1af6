"""What a story page shows around the story: the way back (breadcrumb), the stories before and
after it, related stories, who published it. A fixed number of queries, whatever the archive."""

from datetime import time

from django.db.models import Q, Subquery

from bulletin import siteurl
from bulletin.related.updating import related_stories
from bulletin.seo.metadata import published_at
from bulletin.workflow.records import editor_name, publishing_editor

from .models import Kind, StoryPage


def neighbours(story):
    """(上一篇, 下一篇): the stories of the same kind just before and after it by date (then id),
    among those readers may see. One query: each is found by a subquery of its own, and only
    what a link to it shows is read."""
    same_kind = StoryPage.objects.for_readers().filter(kind=story.kind).exclude(pk=story.pk)
    # The date__lte / date__gte alone select nothing more; they are what lets the database start
    # reading the kind/date index at the story's date (an OR of two conditions does not), instead
    # of walking it from the far end of the archive up to the story.
    before = Q(date__lte=story.date) & (Q(date__lt=story.date) | Q(pk__lt=story.pk))
    after = Q(date__gte=story.date) & (Q(date__gt=story.date) | Q(pk__gt=story.pk))
    previous_pk = same_kind.filter(before).order_by("-date", "-pk").values("pk")[:1]
    following_pk = same_kind.filter(after).order_by("date", "pk").values("pk")[:1]
    found = StoryPage.objects.filter(Q(pk=Subquery(previous_pk)) | Q(pk=Subquery(following_pk)))
    previous = following = None
    for neighbour in found.only("title", "url_path", "date").order_by():  # story_footer.html: the title and a link
        if (neighbour.date, neighbour.pk) < (story.date, story.pk):
            previous = neighbour
        else:
            following = neighbour
    return previous, following


# A story's kind's own list, between 新闻 and the story in the breadcrumb.
KIND_LISTS = {Kind.NOTICE: ("通知公告", "stories:notices"), Kind.BRIEF: ("简讯", "stories:briefs")}


def story_context(story, request):
    previous, following = neighbours(story)
    corrections = story.corrections.all()  # prefetched with the story
    published = published_at(story.date, story.first_published_at)
    return {
        "published": published,
        # The archive knows the day of a story, not the hour (it went live at the start of that
        # day): no time of day is shown for it.
        "published_has_time": published.time() != time.min,
        "updated": max((correction.date for correction in corrections), default=None),
        "share_url": siteurl.absolute(story.get_url(request)),
        "section": story.get_parent(),
        "kind_list": KIND_LISTS.get(story.kind),
        "previous_story": previous,
        "next_story": following,
        "related_stories": related_stories(story),
        "responsible_editor": editor_name(publishing_editor(story)),
    }
