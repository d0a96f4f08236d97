"""Admin: flat listings of case studies and tools."""

from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.viewsets.pages import PageListingViewSet

from casestudies.models import CaseStudyPage, ToolPage


class CaseStudyListingViewSet(PageListingViewSet):
    model = CaseStudyPage
    icon = "doc-full"
    menu_label = _("Case studies")
    add_to_admin_menu = True
    menu_order = 210
    list_filter = ["locale", "live", "stage", "year", "themes", "pillars"]


class ToolListingViewSet(PageListingViewSet):
    model = ToolPage
    icon = "cogs"
    menu_label = _("Tools")
    add_to_admin_menu = True
    menu_order = 211
    list_filter = ["locale", "live", "tool_type", "level", "themes"]


@hooks.register("register_admin_viewset")
def register_listings():
    return [
        CaseStudyListingViewSet("case_study_listing"),
        ToolListingViewSet("tool_listing"),
    ]
