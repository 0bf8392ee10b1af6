from django import template

from bulletin.identity import site

register = template.Library()


@register.simple_tag
def last_known_identity():
    """For the server error page, rendered without a request: the identity from the cache only."""
    return site.last_known()
