"""Wagtail API v2: read-only endpoints for the curated pages (live and public only).

Mounted at /api/v2/: ``pages/`` and one endpoint per curated page type, named
by the type's ``api_name`` (``case-studies/``, ``tools/``, ``policies/``,
``calls/``...); the types are found, not listed (``curated_page_types()``), so
the router is built when the URLconf loads, after every app. Each typed
endpoint lists only its page type, whatever ``?type=`` says; Wagtail's
public-pages queryset keeps drafts and pages in private sections out.
"""

from django.core.exceptions import ImproperlyConfigured
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
