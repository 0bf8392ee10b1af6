from django.utils.functional import SimpleLazyObject

from . import site


def identity(request):
    """``identity`` in every template rendered with a request: read when a template first uses it."""
    return {"identity": SimpleLazyObject(site.current)}
