"""Funding-call status, computed from the dates (never stored).

A call is forthcoming before it opens, open until its deadline, "closing soon"
in the last ``CLOSING_SOON`` before the deadline (boundary included) and closed
from the deadline on. Calls without a deadline stay open once opened.
"""

from datetime import datetime, time, timedelta

from django.db.models import Case, IntegerField, Q, Value, When
from django.utils import timezone

from funding.choices import CallStatus

CLOSING_SOON = timedelta(days=14)


def call_status(opens, deadline, now=None):
    now = now or timezone.now()
    if opens is not None and now < opens:
        return CallStatus.FORTHCOMING
    if deadline is not None:
        if now >= deadline:
            return CallStatus.CLOSED
        if deadline - now <= CLOSING_SOON:
            return CallStatus.CLOSING_SOON
    return CallStatus.OPEN


def status_q(status, now=None):
    """The same rule as ``call_status`` as a database condition."""
    now = now or timezone.now()
    started = Q(opens__isnull=True) | Q(opens__lte=now)
    if status == CallStatus.FORTHCOMING:
        return Q(opens__gt=now)
    if status == CallStatus.CLOSED:
        return started & Q(deadline__lte=now)
    if status == CallStatus.CLOSING_SOON:
        return started & Q(deadline__gt=now, deadline__lte=now + CLOSING_SOON)
    if status == CallStatus.OPEN:
        return started & (Q(deadline__isnull=True) | Q(deadline__gt=now + CLOSING_SOON))
    return Q(pk__in=[])


def status_rank(now=None):
    """Open and closing-soon calls first, then forthcoming, then closed."""
    return Case(
        When(status_q(CallStatus.CLOSING_SOON, now), then=Value(0)),
        When(status_q(CallStatus.OPEN, now), then=Value(0)),
        When(status_q(CallStatus.FORTHCOMING, now), then=Value(1)),
        default=Value(2),
        output_field=IntegerField(),
    )


def parse_deadline(value, tz=None, end_of_day=True):
    """An ISO date or datetime; naive values are in ``tz`` (default: the site's ``TIME_ZONE``);
    a bare date means its last minute."""
    tz = tz or timezone.get_default_timezone()
    value = value.strip()
    if len(value) == 10:
        day = datetime.fromisoformat(value).date()
        moment = time(23, 59, 59) if end_of_day else time(0, 0)
        return datetime.combine(day, moment, tzinfo=tz)
    parsed = datetime.fromisoformat(value.replace("Z", "+00:00"))
    if parsed.tzinfo is None:
        parsed = parsed.replace(tzinfo=tz)
    return parsed
