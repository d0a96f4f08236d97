"""Admin: funding programmes (snippets) and flat listings of policies and calls."""

from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.viewsets.pages import PageListingViewSet
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from funding.models import FundingCallPage, FundingProgramme, PolicyPage


class FundingProgrammeViewSet(SnippetViewSet):
    model = FundingProgramme
    icon = "pick"
    menu_label = _("Funding programmes")
    add_to_admin_menu = True
    menu_order = 220
    list_display = ["name", "acronym", "funder", "level", "locale"]
    list_filter = ["level", "locale"]
    search_fields = ["name", "acronym", "funder"]
    ordering = ["name"]


class PolicyListingViewSet(PageListingViewSet):
    model = PolicyPage
    icon = "clipboard-list"
    menu_label = _("Policies")
    add_to_admin_menu = True
    menu_order = 221
    list_filter = ["locale", "live", "level", "policy_status", "themes"]


class FundingCallListingViewSet(PageListingViewSet):
    model = FundingCallPage
    icon = "calendar-alt"
    menu_label = _("Funding calls")
    add_to_admin_menu = True
    menu_order = 222
    list_filter = ["locale", "live", "programme", "deadline", "themes"]


register_snippet(FundingProgrammeViewSet)


@hooks.register("register_admin_viewset")
def register_listings():
    return [
        PolicyListingViewSet("policy_listing"),
        FundingCallListingViewSet("funding_call_listing"),
    ]
