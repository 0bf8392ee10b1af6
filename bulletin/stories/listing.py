"""How every public list of stories is shown: cards, lead images and pagination.

Which stories, topics, people and editions are public is the models' querysets' business
(``StoryPage.objects.reader_list()``, ``Topic.objects.with_public_stories()`` …, by the rules of .visibility).

A story card shows the title, date, kind, teaser, byline names and the edition, and an
article's lead image. Fetching those per story would cost queries per card, so lists go through
``StoryQuerySet.with_card_data()`` (one query per story type for the specific pages, one for
bylines with their people) and ``attach_lead_images()`` (images with their renditions);
``card_list()`` does both.
"""

from django.core.paginator import EmptyPage, PageNotAnInteger, Paginator
from django.db.models import Prefetch, prefetch_related_objects
from django.http import Http404
from wagtail.images import get_image_model
from wagtail.images.models import Filter

STORIES_PER_PAGE = 20
# The {% picture %} specs of templates/includes/story_card.html, where they are written out as
# literals: keep the two in step, or each card costs a query for its renditions (which
# tests/site/test_query_counts.py catches). WebP for browsers that take it, JPEG for the rest.
CARD_PICTURE = "format-{webp,jpeg} fill-{240x135,480x270}"
LEAD_PICTURE = "format-{webp,jpeg} fill-{480x270,960x540}"
CARD_IMAGES = tuple(Filter.expand_spec(CARD_PICTURE))
LEAD_IMAGES = tuple(Filter.expand_spec(LEAD_PICTURE))


def attach_lead_images(stories, specs=CARD_IMAGES):
    """Load the lead images of the articles among ``stories`` with their renditions for ``specs``."""
    articles = [story for story in stories if getattr(story, "lead_image_id", None)]
    images = get_image_model().objects.prefetch_renditions(*specs)
    prefetch_related_objects(articles, Prefetch("lead_image", queryset=images))
    return stories


def card_list(queryset, limit=None, image_specs=CARD_IMAGES, specific=True):
    """The stories of ``queryset`` (the first ``limit`` of them) ready to render as cards
    (``specific``: see StoryQuerySet.with_card_data)."""
    return attach_lead_images(list(queryset.with_card_data(specific)[:limit]), image_specs)


def page_of(request, items, per_page):
    """The page of ``items`` that ``?page=`` names, for every paginated reader list.

    A missing or malformed number is the first page. A number past the last page (or below 1) is
    a 404, not the last page again: otherwise every number anyone sends would be a page of its
    own, rendered and cached under its own key.
    """
    paginator = Paginator(items, per_page)
    try:
        return paginator.page(request.GET.get("page") or 1)
    except PageNotAnInteger:
        return paginator.page(1)
    except EmptyPage:
        raise Http404("没有这一页") from None


def paginate(request, queryset, per_page=STORIES_PER_PAGE):
    """One page of story cards for ``?page=`` (see page_of)."""
    page = page_of(request, queryset.with_card_data(), per_page)
    page.object_list = attach_lead_images(list(page.object_list))
    return page
