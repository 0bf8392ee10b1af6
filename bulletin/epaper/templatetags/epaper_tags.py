"""Where a story was printed, for the story page and search results."""

from django import template

from bulletin.epaper import reading

register = template.Library()


@register.simple_tag
def print_location(story):
    """The printed page ``story`` first appears on (None if it has no region), for 刊于第N期第M版."""
    return reading.print_location(story)


@register.simple_tag
def print_url(page, story_id=None):
    return reading.page_url(page, story_id)


@register.simple_tag
def region_crop(region, width=96, max_height=128):
    """How to show ``region`` cut out of its page's thumbnail: an SVG ``width`` pixels wide whose
    viewBox (in the page's PDF points) is the region, at most ``max_height`` high (a tall story
    shows its top, where the headline is).

    The thumbnail is a file the reader's browser may already hold from the edition pages, and
    one download serves every result from that page; the crop itself costs no bytes of its own."""
    page = region.page
    x, y = region.x0 * page.width, region.y0 * page.height
    box_width, box_height = (region.x1 - region.x0) * page.width, (region.y1 - region.y0) * page.height
    height = min(max_height, round(width * box_height / box_width))
    box_height = min(box_height, box_width * height / width)
    return {
        "viewbox": f"{x:.2f} {y:.2f} {box_width:.2f} {box_height:.2f}",
        "width": width,
        "height": height,
        "page_width": f"{page.width:.2f}",
        "page_height": f"{page.height:.2f}",
    }
