"""What every public list of stories shares: the reader queryset, card data and pagination.

A topic, a person or an edition is public once at least one public story belongs to it:
before that its page is a 404 and it is left out of lists, navigation, feeds and the sitemap,
so an edition imported as drafts stays unseen until its stories are published.

A story card shows the title, date, kind, teaser, byline names, topics and the edition, and an
article's lead image. Fetching those per story would cost queries per card, so lists go through
``with_card_data()`` (one query per story type for the specific pages, one each for bylines with
their people and for topics) and ``attach_lead_images()`` (images with their renditions);
``card_list()`` does both.
"""

from django.core.paginator import EmptyPage, PageNotAnInteger, Paginator
from django.db.models import Count, Exists, F, OuterRef, Prefetch, Subquery, prefetch_related_objects
from django.db.models.functions import Coalesce
from django.http import Http404
from wagtail.images import get_image_model
from wagtail.images.models import Filter

from bulletin.editions.models import Edition
from bulletin.people.models import Person
from bulletin.topics.models import Topic

from .models import ArticlePage, Byline, StoryPage

STORIES_PER_PAGE = 20
# The {% picture %} specs of templates/includes/story_card.html, where they are written out as
# literals: keep the two in step, or each card costs a query for its renditions (which
# tests/site/test_query_counts.py catches). WebP for browsers that take it, JPEG for the rest.
CARD_PICTURE = "format-{webp,jpeg} fill-{240x135,480x270}"
LEAD_PICTURE = "format-{webp,jpeg} fill-{480x270,960x540}"
CARD_IMAGES = tuple(Filter.expand_spec(CARD_PICTURE))
LEAD_IMAGES = tuple(Filter.expand_spec(LEAD_PICTURE))


def public_stories():
    """Every story a reader may see, newest first. The only way stories reach a public list."""
    return StoryPage.objects.for_readers().newest_first()


def byline_people():
    return Prefetch("bylines", queryset=Byline.objects.select_related("person"))


def with_card_data(queryset):
    """``queryset`` as specific pages, fetching what a card shows with a query per relation."""
    return (
        queryset.specific()
        .select_related("edition", for_specific_subqueries=True)
        .prefetch_related(
            byline_people(),
            "topics",
            for_specific_subqueries=True,
        )
    )


def attach_lead_images(stories, specs=CARD_IMAGES):
    """Load the lead images of the articles among ``stories`` with their renditions for ``specs``."""
    articles = [story for story in stories if isinstance(story, ArticlePage) and story.lead_image_id]
    images = get_image_model().objects.prefetch_renditions(*specs)
    prefetch_related_objects(articles, Prefetch("lead_image", queryset=images))
    return stories


def prefetch_story_details(story):
    """Fetch what a story page shows besides the story itself, a query per relation."""
    prefetch_related_objects([story], byline_people(), "topics", "corrections")


def card_list(queryset, limit=None, image_specs=CARD_IMAGES):
    """The stories of ``queryset`` (the first ``limit`` of them) ready to render as cards."""
    return attach_lead_images(list(with_card_data(queryset)[:limit]), image_specs)


def in_print_order(queryset):
    """An edition's stories as printed; a story an editor added to it without a position comes last."""
    return queryset.order_by(F("edition_order").asc(nulls_last=True), "path")


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
    page = page_of(request, with_card_data(queryset), per_page)
    page.object_list = attach_lead_images(list(page.object_list))
    return page


def public_story_count(lookup):
    """Annotation counting the public stories that point at the annotated row (a topic, person, edition).

    ``lookup`` is the path from StoryPage to that model. A subquery per row, rather than a join
    filtered by the list of every public story: it reads only the row's own stories, through
    their index, so one topic's count costs the same in an archive of ten years as of one.
    """
    stories = StoryPage.objects.for_readers().filter(**{lookup: OuterRef("pk")}).order_by()
    counts = stories.values(lookup).annotate(count=Count("pk", distinct=True)).values("count")
    return Coalesce(Subquery(counts), 0)


def public_topics():
    return (
        Topic.objects.annotate(story_count=public_story_count("topics"))
        .filter(story_count__gt=0)
        .order_by("sort_order", "name")
    )


def public_people():
    return (
        Person.objects.annotate(story_count=public_story_count("bylines__person"))
        .filter(story_count__gt=0)
        .order_by("name", "pk")
    )


def latest_edition():
    """The newest edition with a public story, found without counting any edition's stories."""
    public = StoryPage.objects.for_readers().filter(edition=OuterRef("pk"))
    return Edition.objects.filter(Exists(public)).order_by("-date", "-number").first()


def public_editions():
    return (
        Edition.objects.annotate(story_count=public_story_count("edition"))
        .filter(story_count__gt=0)
        .order_by("-date", "-number")
    )
