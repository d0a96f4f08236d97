"""Periodic work run from ordinary requests, so that nothing depends on cron.

Each sweep named in ``settings.REQUEST_TIME_SWEEPS`` is a function that decides
for itself whether it is due (a cache key holds when it last ran) and returns
quickly when it is not. ``RequestTimeSweepsMiddleware`` calls them on GET
requests; ``exclusively`` keeps two processes from running one sweep at once.
The same functions back the management commands a scheduler may run.
"""

import logging

from django.conf import settings
from django.core.cache import cache
from django.utils.module_loading import import_string

logger = logging.getLogger(__name__)
LOCK_SECONDS = 300


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


class RequestTimeSweepsMiddleware:
    """Runs the configured sweeps on GET requests; a failing sweep never breaks the page."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.method == "GET":
            for path in getattr(settings, "REQUEST_TIME_SWEEPS", ()):
                try:
                    import_string(path)()
                except Exception:  # noqa: BLE001 - retried by a later request
                    logger.exception("sweep %s failed; a later request retries it", path)
        return self.get_response(request)
