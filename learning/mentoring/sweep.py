"""Reminders and expiry of unanswered mentoring requests, without cron.

``sweep_mentoring`` runs from requests (``website.sweeps``, named in
``REQUEST_TIME_SWEEPS``) at most every ``SWEEP_SECONDS``, and from
``manage.py sweep_mentoring``, which a scheduler may run as a safety net.
"""

import datetime as dt

from django.core.cache import cache
from django.utils import timezone

from website.sweeps import exclusively

SWEEP_KEY = "learning:mentoring-swept-at"
SWEEP_LOCK = "learning:mentoring-sweeping"
SWEEP_SECONDS = 15 * 60


def sweep_mentoring(now=None, force=False):
    """(reminded, expired), or None when skipped (too soon, or another process sweeping)."""
    from learning.mentoring.rules import remind_and_expire

    now = now or timezone.now()
    last = cache.get(SWEEP_KEY)
    if not force and last and dt.timedelta(0) <= now - dt.datetime.fromisoformat(last) < \
            dt.timedelta(seconds=SWEEP_SECONDS):
        return None

    def sweep():
        result = remind_and_expire(now)
        cache.set(SWEEP_KEY, now.isoformat(), timeout=None)
        return result

    return exclusively(SWEEP_LOCK, sweep)
