"""What readers see of the 数字报: an edition's printed pages and the regions of the stories on
them that readers may see.

A region is shown only while its story is visible (bulletin.stories.visibility decides, through
StoryPage.objects.for_readers()): a hidden story's rectangle, title and link are left out of
every page, so its position on the page gives nothing away either.
"""

from collections import defaultdict
from dataclasses import dataclass, field

from django.urls import reverse

from bulletin.editions.models import Edition
from bulletin.stories.models import StoryPage

from .models import PrintedPage, StoryRegion


def reader_regions():
    """Every region of a story readers may see."""
    return StoryRegion.objects.filter(story__in=StoryPage.objects.for_readers().values("pk"))


def page_url(page, story_id=None):
    """The reader's page view; with ``story_id``, pointing at that story's regions, which the
    page highlights (CSS :target). A fragment, not a query parameter: the page is the same
    cached page for every story on it."""
    url = reverse("epaper:page", args=[page.edition.number, page.number])
    return f"{url}#{region_anchor(story_id)}" if story_id else url


def region_anchor(story_id):
    return f"story-{story_id}"


@dataclass
class PrintedStory:
    """A story as printed on one page: its regions there, in the page's PDF points for the SVG."""

    story: StoryPage
    boxes: list = field(default_factory=list)

    @property
    def anchor(self):
        return region_anchor(self.story.pk)


def printed_stories(page):
    """The stories readers may see on ``page``, in reading order (top to bottom, left to right)."""
    stories = {}
    regions = reader_regions().filter(page=page).select_related("story").order_by("y0", "x0", "pk")
    for region in regions:
        printed = stories.setdefault(region.story_id, PrintedStory(region.story))
        printed.boxes.append(
            {
                "x": region.x0 * page.width,
                "y": region.y0 * page.height,
                "width": (region.x1 - region.x0) * page.width,
                "height": (region.y1 - region.y0) * page.height,
            }
        )
    return list(stories.values())


def stories_by_page(edition, stories):
    """``stories`` (an edition's, in print order) grouped under the printed pages they ran on.

    Returns (pages, unplaced): each page with ``stories``, those that have a region on it, and
    ``boxes``, each such story's id to its regions there ([x0, y0, x1, y1] fractions, top to
    bottom); and the stories placed on no page, which keep the plain list. Two queries.
    """
    pages = list(edition.printed_pages.order_by("number"))
    boxes = defaultdict(dict)
    regions = reader_regions().filter(page__in=pages).order_by("y0", "x0", "pk")
    for page_id, story_id, *box in regions.values_list("page_id", "story_id", "x0", "y0", "x1", "y1"):
        boxes[page_id].setdefault(story_id, []).append(box)
    placed = {story_id for on_page in boxes.values() for story_id in on_page}
    for page in pages:
        page.boxes = boxes[page.pk]
        page.stories = [story for story in stories if story.pk in page.boxes]
    return pages, [story for story in stories if story.pk not in placed]


def first_regions(regions, story_ids):
    """Each story's first region among ``regions``: on its lowest-numbered page, the top one, its
    page and edition loaded. One query."""
    regions = (
        regions.filter(story_id__in=story_ids)
        .select_related("page__edition")
        .order_by("story_id", "page__number", "y0", "x0")
    )
    first = {}
    for region in regions:
        first.setdefault(region.story_id, region)
    return first


def print_location(story):
    """The first printed page ``story`` has a region on, or None: where the story page points."""
    if story.pk is None:  # the admin's preview of a story not yet saved
        return None
    # Any region, not only readers': the admin's preview of a draft shows where it will point.
    region = first_regions(StoryRegion.objects.all(), [story.pk]).get(story.pk)
    return region.page if region else None


def attach_print_locations(results):
    """Give each search result (with its ``page_id``) ``printed_region``: its first region on its
    first page, or None. One query for all the results."""
    first = first_regions(reader_regions(), [result.page_id for result in results])
    for result in results:
        result.printed_region = first.get(result.page_id)
    return results


def public_pages():
    """Printed pages of editions readers may see (at least one public story)."""
    return PrintedPage.objects.filter(edition__in=Edition.objects.having_public_story().values("pk"))
