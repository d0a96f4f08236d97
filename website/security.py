"""Response headers that keep personal pages out of shared caches, and the admin's CSP.

``PrivateResponsesMiddleware`` sends ``Cache-Control: private, no-store`` (and
Django's other never-cache headers) on every response that may carry something
personal, so that no proxy, CDN or shared browser cache keeps it:

- any response to a request that carries a session cookie: a signed-in member
  (dashboard, profile, ``my-data.json``, messages, the admin), and a visitor who
  passed a page or collection password (the restricted page itself);
- any response that starts a session (signing in);
- the account pages (everything django-allauth serves: login, sign-up, password,
  e-mail, two-factor) and the member's own network pages, even to a visitor
  without a session (what they answer is about one person, or a form with its
  CSRF token).

A visitor without a session cookie gets public pages with their ordinary
headers. Server-side caches are not affected: nothing personal is cached there
(cached fragments and cards are built for everyone, keyed by the content
generation, and restricted pages are refused before they render).

``ContentSecurityPolicyMiddleware`` is django-csp's middleware with one
difference: responses under ``/admin/`` get ``ADMIN_CONTENT_SECURITY_POLICY``
(settings say why each relaxation exists) instead of the site's policy.
"""

from csp.middleware import CSPMiddleware
from django.conf import settings
from django.urls import reverse
from django.utils.cache import add_never_cache_headers

# The member's own pages in the network app (URL names in its "network" namespace).
PERSONAL_NETWORK_VIEWS = {
    "dashboard", "profile_edit", "download_data", "delete_account", "contact",
    "post_create", "post_edit", "post_delete", "activity_create", "activity_edit",
    "activity_delete", "group_join", "group_leave", "group_decide",
}
# Wagtail's password forms for restricted pages and document collections.
PASSWORD_VIEWS = {"wagtailcore_authenticate_with_password", "wagtaildocs_authenticate_with_password"}


def is_personal_view(request):
    match = getattr(request, "resolver_match", None)
    if match is None:
        return False
    if match.namespace == "network" and match.url_name in PERSONAL_NETWORK_VIEWS:
        return True
    if match.url_name in PASSWORD_VIEWS:
        return True
    return getattr(match.func, "__module__", "").startswith("allauth.")


def is_private(request, response):
    cookie = settings.SESSION_COOKIE_NAME
    return cookie in request.COOKIES or cookie in response.cookies or is_personal_view(request)


class PrivateResponsesMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if is_private(request, response):
            add_never_cache_headers(response)
        return response


class ContentSecurityPolicyMiddleware(CSPMiddleware):
    def get_policy_parts(self, request, response, report_only=False):
        parts = super().get_policy_parts(request, response, report_only=report_only)
        if not report_only and parts.config is None and request.path.startswith(admin_prefix()):
            parts.config = settings.ADMIN_CONTENT_SECURITY_POLICY["DIRECTIVES"]
        return parts


def admin_prefix():
    return reverse("wagtailadmin_home")
