"""The funding section of a member's dashboard (``website.dashboard``): calls it may apply for."""

from django.utils.translation import gettext as _
from wagtail.models import Locale

PANEL_CALLS = 10


def eligible_calls_panel(request, member):
    from funding.eligibility import eligible_calls
    from funding.models import FundingCallIndexPage, FundingCallPage, SavedCall

    locale = Locale.get_active()
    index = FundingCallIndexPage.objects.live().public().filter(locale=locale).first()
    saved = SavedCall.objects.filter(
        member=member, call__in=FundingCallPage.objects.live().public().values("pk")).count()
    return {
        "title": _("Calls I am eligible for"), "template": "funding/includes/dashboard_panel.html",
        "calls": list(eligible_calls(member, locale)[:PANEL_CALLS]), "saved": saved,
        "index_url": index.url if index else "",
    }
