from django import template
from django.utils.safestring import mark_safe

from bulletin.readership.most_read import most_read_html

register = template.Library()


@register.simple_tag
def most_read_list():
    """The 热门 list (includes/most_read_list.html), rendered at most every few minutes."""
    return mark_safe(most_read_html())
