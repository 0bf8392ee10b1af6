"""Which Content-Security-Policy each part of the site gets.

Readers get ``CONTENT_SECURITY_POLICY``: scripts and styles from the site only, nothing inline.
The Wagtail admin needs inline scripts and styles of its own (see CONTENT_SECURITY_POLICY_ADMIN
in settings), so paths under its URL prefixes get that policy instead. django-csp's middleware
does the rest: it leaves a header a view has set (Wagtail's document and image serve views set
a stricter one) and lets a view's ``@csp_override`` win over both.
"""

from csp.middleware import CSPMiddleware, PolicyParts
from django.conf import settings


class ContentSecurityPolicyMiddleware(CSPMiddleware):
    def get_policy_parts(self, request, response, report_only=False) -> PolicyParts:
        parts = super().get_policy_parts(request, response, report_only=report_only)
        if report_only or parts.config is not None:
            return parts
        admin = settings.CONTENT_SECURITY_POLICY_ADMIN
        if request.path_info.startswith(admin["URL_PREFIXES"]):
            parts.config = admin["DIRECTIVES"]
        elif getattr(request, "is_preview", False):
            # Wagtail renders a preview through the whole middleware chain, with a request for
            # the page's own URL: the reader's policy, except that the admin's preview panel
            # may frame it.
            parts.replace = {**(parts.replace or {}), "frame-ancestors": admin["DIRECTIVES"]["frame-ancestors"]}
        return parts
