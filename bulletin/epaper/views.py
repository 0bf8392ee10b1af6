"""The 数字报 as JSON: an edition's pages, each with its files and the regions of its stories."""

from django.http import JsonResponse
from django.views.decorators.http import require_GET

from bulletin.editions.models import Edition
from bulletin.stories.models import StoryPage

from .models import StoryRegion


@require_GET
def edition_api(request, number):
    edition = Edition.objects.filter(number=number).first()
    stories = (
        {story.pk: story for story in StoryPage.objects.for_readers().filter(edition=edition)} if edition else {}
    )
    if not stories:
        # An edition readers cannot see yet (all drafts) is answered as one that does not exist.
        return JsonResponse({"error": f"没有第{number}期。"}, status=404, json_dumps_params={"ensure_ascii": False})
    regions = {}
    for region in StoryRegion.objects.filter(page__edition=edition, story__in=stories.keys()).order_by("y0", "x0"):
        regions.setdefault(region.page_id, {}).setdefault(region.story_id, []).append(region.box)
    body = {
        "number": edition.number,
        "date": edition.date.isoformat(),
        "pages": [
            {
                "number": page.number,
                "label": page.label,
                "width": page.width,
                "height": page.height,
                "image": page.image.url,
                "thumbnail": page.thumbnail.url,
                "pdf": page.pdf.url,
                "stories": [
                    {"title": story.title, "url": story.get_url(request=request), "regions": boxes}
                    for story, boxes in sorted(
                        ((stories[story_id], boxes) for story_id, boxes in regions.get(page.pk, {}).items()),
                        key=lambda item: (item[0].edition_order or 0, item[0].pk),
                    )
                ],
            }
            for page in edition.printed_pages.all()
        ],
    }
    return JsonResponse(body, json_dumps_params={"ensure_ascii": False})
