from django.shortcuts import get_object_or_404, render

from bulletin.editions.models import Edition
from bulletin.epaper.reading import stories_by_page
from bulletin.stories.listing import card_list, page_of
from bulletin.stories.models import StoryPage

EDITIONS_PER_PAGE = 30


def edition_list(request):
    editions = page_of(request, Edition.objects.with_public_stories(), EDITIONS_PER_PAGE)
    return render(request, "editions/edition_list.html", {"editions": editions})


def edition_detail(request, number):
    edition = get_object_or_404(Edition.objects.with_public_stories(), number=number)
    # A printed issue is a few dozen stories at most: one page, in print order.
    stories = card_list(StoryPage.objects.reader_list().filter(edition=edition).in_print_order())
    # With its printed pages (数字报), the stories are grouped under the page they ran on.
    pages, unplaced = stories_by_page(edition, stories)
    context = {"edition": edition, "stories": stories, "pages": pages, "unplaced": unplaced}
    return render(request, "editions/edition_detail.html", context)
