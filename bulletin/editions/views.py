from django.core.paginator import Paginator
from django.db.models import F
from django.shortcuts import get_object_or_404, render

from bulletin.stories.listing import attach_lead_images, public_editions, public_stories, story_cards

EDITIONS_PER_PAGE = 30


def edition_list(request):
    editions = Paginator(public_editions(), EDITIONS_PER_PAGE).get_page(request.GET.get("page"))
    return render(request, "editions/edition_list.html", {"editions": editions})


def edition_detail(request, number):
    edition = get_object_or_404(public_editions(), number=number)
    # A printed issue is a few dozen stories at most: one page, in print order.
    in_print_order = public_stories().filter(edition=edition).order_by(F("edition_order").asc(nulls_last=True), "path")
    stories = story_cards(in_print_order)
    return render(
        request,
        "editions/edition_detail.html",
        {"edition": edition, "stories": attach_lead_images(list(stories))},
    )
