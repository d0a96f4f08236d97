"""The funding section of a member's dashboard (``website.dashboard``): calls it may apply for;
and its saved calls in its data export."""

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


def saved_calls_data(member):
    """The member's saved calls for its "download my data" file (``website.personal_data``)."""
    from funding.models import SavedCall

    return [
        {"call": saved.call.title, "url": saved.call.url or "",
         "saved_at": saved.created_at.isoformat(),
         "reminded_at": saved.reminded_at.isoformat() if saved.reminded_at else None}
        for saved in SavedCall.objects.filter(member=member).select_related("call")
    ]
