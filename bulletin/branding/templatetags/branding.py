from django import template
from django.conf import settings

register = template.Library()


@register.simple_tag
def newsroom_name():
    return settings.WAGTAIL_SITE_NAME
