"""Wagtail's password forms for private pages and collections, with django-axes counting guesses.

axes watches django.contrib.auth.authenticate(), which these forms never call: the password is
the restriction's, not a user's. So each form's failures are reported to axes' handler as failed
logins of a pseudo-account named after the restriction ("page:7"; ":" is not allowed in a
username, so it cannot be a real account's). axes then locks that restriction out for the address
exactly as it locks an account (same limit, cool-off, database table and lockout page), and
`manage.py axes_reset` clears both.
"""

from functools import wraps

from axes.handlers.proxy import AxesProxyHandler
from axes.helpers import get_lockout_response
from django.contrib.auth.signals import user_login_failed
from django.http import HttpResponseRedirect
from wagtail import views as page_views
from wagtail.documents.views import serve as document_views


def counts_guesses(kind, restriction_arg):
    """Wrap a Wagtail password view so that axes counts its failures per restriction and address."""

    def decorator(view):
        @wraps(view)
        def guarded(request, **kwargs):
            if request.method != "POST":
                return view(request, **kwargs)
            credentials = {"username": f"{kind}:{kwargs[restriction_arg]}"}
            if not AxesProxyHandler.is_allowed(request, credentials):
                # Locked out: the form is not even checked, so the right password fails too.
                return get_lockout_response(request, credentials=credentials)
            response = view(request, **kwargs)
            if isinstance(response, HttpResponseRedirect):  # Wagtail redirects once it is passed
                AxesProxyHandler.reset_attempts(ip_address=request.axes_ip_address, username=credentials["username"])
            else:
                # axes' receiver records it; at the limit, axes.middleware answers with the lockout.
                user_login_failed.send(sender=__name__, credentials=credentials, request=request)
            return response

        return guarded

    return decorator


page_password = counts_guesses("page", "page_view_restriction_id")(page_views.authenticate_with_password)
collection_password = counts_guesses("collection", "restriction_id")(document_views.authenticate_with_password)
