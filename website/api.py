"""The JSON endpoints: Wagtail API v2 for the curated pages, and JSON for every error.

Mounted at /api/v2/: ``pages/`` and one endpoint per curated page type, named
by the type's ``api_name`` (``case-studies/``, ``tools/``, ``policies/``,
``calls/``...); the types are found, not listed (``curated_page_types()``), so
the router is built when the URLconf loads, after every app. Each typed
endpoint lists only its page type, whatever ``?type=`` says; Wagtail's
public-pages queryset keeps drafts and pages in private sections out.

Everything under /api/ (v2, the search API and its suggestions) and the JSON
files elsewhere (the members' GeoJSON, ``my-data.json``) answer an error in
JSON with its status: ``ApiErrorsMiddleware`` turns any error page into
``{"error": ..., "status": ...}``, and ``LocaleMiddleware`` leaves their 404s
alone instead of redirecting them to a language-prefixed HTML page.
"""

from django.core.exceptions import ImproperlyConfigured
from django.http import JsonResponse
from django.middleware.locale import LocaleMiddleware as DjangoLocaleMiddleware
from django.utils import translation
from django.utils.translation import gettext as _
from wagtail.api.v2.router import WagtailAPIRouter
from wagtail.api.v2.views import PagesAPIViewSet

from website.curated.models import curated_page_types


class TypedPagesAPIViewSet(PagesAPIViewSet):
    """Pages of one type; ``type`` is fixed by the endpoint."""

    known_query_parameters = PagesAPIViewSet.known_query_parameters - {"type"}

    def get_queryset(self):
        public = self.get_base_queryset().values_list("pk", flat=True)
        return self.model.objects.filter(pk__in=public).order_by("pk")


def typed(model, name):
    return type(name, (TypedPagesAPIViewSet,), {"model": model, "name": name})


def build_router():
    router = WagtailAPIRouter("wagtailapi")
    router.register_endpoint("pages", PagesAPIViewSet)
    names = {"pages": "Wagtail's pages"}
    for model in curated_page_types():
        if not model.api_name:
            continue
        if model.api_name in names:
            raise ImproperlyConfigured(
                f"{model._meta.label} and {names[model.api_name]} both use the API endpoint "
                f"{model.api_name!r}."
            )
        names[model.api_name] = model._meta.label
        router.register_endpoint(model.api_name, typed(model, model.api_name))
    return router


api_router = build_router()


JSON_SUFFIXES = (".json", ".geojson")


def is_json_endpoint(request):
    return request.path_info.startswith("/api/") or request.path_info.endswith(JSON_SUFFIXES)


def error_message(status):
    messages = {
        400: _("Bad request."),
        401: _("Authentication required."),
        403: _("Forbidden."),
        404: _("Not found."),
        405: _("Method not allowed."),
        429: _("Too many requests; try again later."),
    }
    return messages.get(status) or (_("Server error.") if status >= 500 else _("Request failed."))


class ApiErrorsMiddleware:
    """An error from a JSON endpoint is JSON, whatever produced it (view, Django, a handler)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if response.status_code < 400 or not is_json_endpoint(request):
            return response
        if "json" in response.get("Content-Type", ""):
            return response
        status = response.status_code
        replacement = JsonResponse({"error": error_message(status), "status": status},
                                   status=status)
        for header in ("Allow", "Retry-After", "WWW-Authenticate", "Vary"):
            if header in response:
                replacement[header] = response[header]
        return replacement


class LocaleMiddleware(DjangoLocaleMiddleware):
    """Django's, except that a JSON endpoint's 404 stays a 404.

    Django answers a 404 without a language prefix with a redirect to the
    prefixed address when that resolves, and the site's catch-all page route
    resolves everything: an unknown API address would become an HTML page.
    """

    def process_response(self, request, response):
        if response.status_code == 404 and is_json_endpoint(request):
            response.headers.setdefault("Content-Language", translation.get_language())
            return response
        return super().process_response(request, response)
