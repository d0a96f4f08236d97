"""Certificates that need a hand: completions still without one, and certificates that expired.

A completion's certificate is issued right after the completion commits; if
that failed (the signing key was missing, say), the sweep issues it later.
An expired certificate leaves the profile and the directory at once (they
compare dates) but the member's search document only when it is rebuilt, so
the sweep hands the holders of certificates that expired since its last run
to the search outbox. It runs from requests (``website.sweeps``) at most every
``SWEEP_SECONDS``, and from ``manage.py sweep_certificates``.
"""

import datetime as dt
import logging

from django.core.cache import cache
from django.utils import timezone

from website.sweeps import exclusively

logger = logging.getLogger(__name__)
SWEEP_KEY = "learning:certificates-swept-at"
SWEEP_LOCK = "learning:certificates-sweeping"
SWEEP_SECONDS = 15 * 60


def sweep_certificates(now=None, force=False):
    """(issued, reindexed), or None when skipped (too soon, or another process sweeping)."""
    now = now or timezone.now()
    last = cache.get(SWEEP_KEY)
    if not force and last and dt.timedelta(0) <= now - dt.datetime.fromisoformat(last) < \
            dt.timedelta(seconds=SWEEP_SECONDS):
        return None

    def sweep():
        result = issue_missing(), reindex_expired(
            dt.datetime.fromisoformat(last) if last else None, now)
        cache.set(SWEEP_KEY, now.isoformat(), timeout=None)
        return result

    return exclusively(SWEEP_LOCK, sweep)


def issue_missing():
    from learning.certificates.issuing import issue
    from learning.certificates.keys import SigningKeyError
    from learning.models import Completion

    issued = 0
    for completion in Completion.objects.filter(certificate__isnull=True).iterator():
        try:
            issue(completion)
        except SigningKeyError as exc:
            logger.error("certificates not issued: %s", exc)
            break
        issued += 1
    return issued


def reindex_expired(since, now):
    """Hand the holders of certificates that expired in (since, now] to the search outbox."""
    from learning.models import Certificate
    from search.sync import object_changed

    expired = Certificate.objects.filter(valid_until__lte=now, revoked_at__isnull=True)
    if since is not None:
        expired = expired.filter(valid_until__gt=since)
    count = 0
    for certificate in expired.select_related("learner").iterator():
        object_changed(certificate.learner)
        count += 1
    return count
