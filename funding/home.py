"""The "open calls" section of the home page: open calls, nearest deadline first."""

from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from funding.choices import CallStatus
from funding.status import status_q


def open_calls(home, request):
    from funding.models import FundingCallIndexPage, FundingCallPage

    index = FundingCallIndexPage.objects.child_of(home).live().first()
    if index is None:
        return None
    now = timezone.now()
    condition = status_q(CallStatus.OPEN, now) | status_q(CallStatus.CLOSING_SOON, now)
    items = list(
        FundingCallPage.objects.child_of(index)
        .live()
        .public()
        .filter(Q(condition))
        .select_related("programme")
        .order_by(F("deadline").asc(nulls_last=True))[:4]
    )
    return {"title": _("Open calls"), "items": items, "more_url": index.get_url(request)}
