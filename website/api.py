"""Wagtail API v2: read-only endpoints for the curated pages (live and public only).

Mounted at /api/v2/: ``case-studies/``, ``tools/``, ``policies/``, ``calls/``
and ``pages/``. Each typed endpoint lists only its page type, whatever
``?type=`` says; Wagtail's public-pages queryset keeps drafts and pages in
private sections out.
"""

from wagtail.api.v2.router import WagtailAPIRouter
from wagtail.api.v2.views import PagesAPIViewSet

from casestudies.models import CaseStudyPage, ToolPage
from funding.models import FundingCallPage, PolicyPage


class TypedPagesAPIViewSet(PagesAPIViewSet):
    """Pages of one type; ``type`` is fixed by the endpoint."""

    known_query_parameters = PagesAPIViewSet.known_query_parameters - {"type"}

    def get_queryset(self):
        public = self.get_base_queryset().values_list("pk", flat=True)
        return self.model.objects.filter(pk__in=public).order_by("pk")


def typed(model, name):
    return type(name, (TypedPagesAPIViewSet,), {"model": model, "name": name})


CaseStudiesAPIViewSet = typed(CaseStudyPage, "case-studies")
ToolsAPIViewSet = typed(ToolPage, "tools")
PoliciesAPIViewSet = typed(PolicyPage, "policies")
FundingCallsAPIViewSet = typed(FundingCallPage, "calls")

api_router = WagtailAPIRouter("wagtailapi")
api_router.register_endpoint("pages", PagesAPIViewSet)
api_router.register_endpoint("case-studies", CaseStudiesAPIViewSet)
api_router.register_endpoint("tools", ToolsAPIViewSet)
api_router.register_endpoint("policies", PoliciesAPIViewSet)
api_router.register_endpoint("calls", FundingCallsAPIViewSet)
