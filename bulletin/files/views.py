from django.shortcuts import get_object_or_404
from wagtail.documents import get_document_model
from wagtail.documents.views import serve as wagtail_serve
from wagtail.documents.wagtail_hooks import check_view_restrictions


def serve(request, document_id, document_filename):
    """Wagtail's document view, with the collection's view restrictions checked first.

    Wagtail compares the filename before it checks privacy, so a wrong name answered 404 and the
    right one 302 to the login: a guesser could confirm a private document's name. Here a private
    document gets the same answer (login, password form) whatever name is asked for; only a reader
    who may see it learns whether the name is right. The file itself is sent by Wagtail's view
    (streamed, or through nginx's X-Accel-Redirect when SENDFILE_BACKEND says so).
    """
    document = get_object_or_404(get_document_model(), id=document_id)
    restricted = check_view_restrictions(document, request)
    if restricted is not None:
        return restricted
    return wagtail_serve.serve(request, document_id, document_filename)
