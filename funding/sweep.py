"""Statuses of funding calls change with time alone; the search index has to follow.

A call's status (forthcoming, open, closing soon, closed) is computed from its
dates, so pages always show the right one, but the search index stores the
status a call had when it was last indexed. ``sweep_call_statuses`` finds the
live calls that crossed a boundary (opening, two weeks before the deadline,
the deadline) since the previous sweep and hands them to the search outbox,
which re-reads and re-indexes them.

It runs from requests at most every ``CALL_STATUS_SWEEP_MINUTES`` (setting, 10 by
default; ``website.sweeps``, so nothing depends on cron) and from
``manage.py sweep_call_statuses``.
"""

from datetime import datetime, timedelta

from django.conf import settings
from django.core.cache import cache
from django.db.models import Q
from django.utils import timezone

from funding.status import CLOSING_SOON
from search.sync import object_changed
from website.sweeps import exclusively

LAST_SWEEP_KEY = "funding:status-swept-until"
LOCK_KEY = "funding:status-sweeping"
# With no record of an earlier sweep (a new cache), look this far back.
FIRST_LOOK_BACK = timedelta(days=2)


def crossed_between(start, end):
    """Calls whose status boundary falls in (start, end]."""
    return (
        Q(opens__gt=start, opens__lte=end)
        | Q(deadline__gt=start, deadline__lte=end)
        | Q(deadline__gt=start + CLOSING_SOON, deadline__lte=end + CLOSING_SOON)
    )


def sweep_every():
    return timedelta(minutes=settings.CALL_STATUS_SWEEP_MINUTES)


def sweep_call_statuses(now=None, force=False):
    """Queue the calls whose status changed since the last sweep; returns how many, or None.

    Skipped (None) when another sweep holds the lock or, unless ``force``, when the
    last one was less than ``sweep_every()`` ago.
    """
    from funding.models import FundingCallPage

    now = now or timezone.now()
    last = cache.get(LAST_SWEEP_KEY)
    last = datetime.fromisoformat(last) if last else now - FIRST_LOOK_BACK
    if not force and now - last < sweep_every():
        return None

    def sweep():
        count = 0
        for page in FundingCallPage.objects.live().filter(crossed_between(last, now)).iterator():
            object_changed(page)
            count += 1
        cache.set(LAST_SWEEP_KEY, now.isoformat(), timeout=None)
        return count

    return exclusively(LOCK_KEY, sweep)
