"""Expired offers and needs leave the search index by themselves, without a cron job.

Listings already filter on today's date, but the search index keeps a post
until it is told. ``sweep_expired_posts`` hands the approved posts that expired
since the previous sweep to the search outbox, whose worker re-reads them,
finds them expired and drops them.

It runs from requests once a day, on the first request after the date changes
(``website.sweeps``, named in ``REQUEST_TIME_SWEEPS``, so nothing depends on
cron), and from ``manage.py expire_b2b_posts``, which a scheduler may run as a
safety net (beside ``funding.sweep``, its twin for funding-call statuses).
"""

import datetime as dt

from django.core.cache import cache
from django.utils import timezone

from network import indexing
from network.choices import Status
from website.sweeps import exclusively

SWEEP_KEY = "network:b2b-expiry-swept-on"
SWEEP_LOCK = "network:b2b-expiry-sweeping"


def sweep_expired_posts(today=None, force=False):
    """Hand the posts that expired since the last sweep to the search outbox.

    Runs at most once per day (a cache key holds the last day swept) unless
    ``force``; returns the number of posts handed over, or None if skipped
    (already swept today, or another sweep holds the lock). With no record of an
    earlier sweep (a new cache), every expired post is handed over once.
    """
    from network.models import B2BPost

    today = today or timezone.localdate()
    last = cache.get(SWEEP_KEY)
    if not force and last == today.isoformat():
        return None

    def sweep():
        expired = B2BPost.objects.expired().filter(status=Status.APPROVED)
        if last:
            # Posts that expired before the last sweep were handled then.
            expired = expired.filter(valid_until__gte=_previous_day(last))
        count = 0
        for post in expired.iterator():
            indexing.sync(post)
            count += 1
        cache.set(SWEEP_KEY, today.isoformat(), timeout=None)
        return count

    return exclusively(SWEEP_LOCK, sweep)


def _previous_day(iso_date):
    return dt.date.fromisoformat(iso_date) - dt.timedelta(days=1)
