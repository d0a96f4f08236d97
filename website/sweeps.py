"""Periodic work run from ordinary requests, so that nothing depends on cron.

Each sweep named in ``settings.REQUEST_TIME_SWEEPS`` is a function that decides
for itself whether it is due (a cache key holds when it last ran) and returns
quickly when it is not. ``RequestTimeSweepsMiddleware`` calls them on GET
requests; ``exclusively`` keeps two processes from running one sweep at once.
The same functions back the management commands a scheduler may run.

``publish_scheduled`` is the sweep for Wagtail's scheduled publishing: pages and
snippets whose go-live time has come are published, and those whose expiry time
has passed are unpublished, by Wagtail's own ``publish_scheduled`` command, so
the usual ``page_published`` / ``page_unpublished`` signals reach the search
outbox and the cache generation.
"""

import io
import logging
from datetime import datetime, timedelta

from django.conf import settings
from django.core.cache import cache
from django.core.management import call_command
from django.utils import timezone
from django.utils.module_loading import import_string

logger = logging.getLogger(__name__)
LOCK_SECONDS = 300
PUBLISHED_AT_KEY = "website:scheduled-publishing-ran-at"
PUBLISHING_LOCK = "website:scheduled-publishing"


def exclusively(lock_key, work):
    """``work()`` unless another process holds ``lock_key``; None when skipped.

    The lock counts only if it can be read back: a cache that cannot store it
    (full disk, Redis down: ``website.cache`` answers such writes as done) would
    otherwise let every request run the sweep, and forget that it ran.
    """
    if not cache.add(lock_key, True, timeout=LOCK_SECONDS) or not cache.get(lock_key):
        return None
    try:
        return work()
    finally:
        cache.delete(lock_key)


def publish_scheduled(now=None):
    """Run Wagtail's ``publish_scheduled`` at most every ``SCHEDULED_PUBLISHING_SECONDS``.

    Returns True when it ran, None when skipped (too soon, or another process
    holds the lock). The cache key only spares the queries between two runs:
    when it is lost the command simply runs again, which is harmless since it
    only acts on what is due.
    """
    now = now or timezone.now()
    last = cache.get(PUBLISHED_AT_KEY)
    every = timedelta(seconds=settings.SCHEDULED_PUBLISHING_SECONDS)
    if last and timedelta(0) <= now - datetime.fromisoformat(last) < every:
        return None

    def sweep():
        call_command("publish_scheduled", stdout=io.StringIO())
        cache.set(PUBLISHED_AT_KEY, now.isoformat(), timeout=None)
        return True

    return exclusively(PUBLISHING_LOCK, sweep)


class RequestTimeSweepsMiddleware:
    """Runs the configured sweeps on GET requests; a failing sweep never breaks the page."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.method == "GET":
            for path in settings.REQUEST_TIME_SWEEPS:
                try:
                    import_string(path)()
                except Exception:  # noqa: BLE001 - retried by a later request
                    logger.exception("sweep %s failed; a later request retries it", path)
        return self.get_response(request)
