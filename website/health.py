"""``/healthz`` and ``/readyz``: what a load balancer or a monitor asks an app server.

- ``/healthz``: the process is up and answers. No database, cache or engine is
  touched, so a database outage does not make every app server look dead
  (restarting them would not help).
- ``/readyz``: may this server take traffic? JSON with each check: the
  database, the search engine (``search.status.engine_status``, the same answer
  ``search_status`` prints), the search outbox and the task queue (backlog and
  age of the oldest waiting item), the free disk under ``VAR_DIR``, and the
  cache. 200 when every check passes, 503 naming those that failed. A backlog
  only fails the check past ``READYZ_BACKLOG_MAX_AGE`` seconds (0: reported,
  never failed), since taking every app server out of rotation because the
  worker stopped would turn a slow index into an outage. For the same reason a
  cache that does not answer (Redis down) is reported under ``degraded``, not
  ``failed``: every app server shares it, and pages render uncached without it
  (``website.cache``).

``HealthMiddleware`` answers both before any other middleware runs: the others
resolve the Wagtail site and the content generation (queries), run the
request-time sweeps, redirect to a language prefix, add a session or insist on
HTTPS and a known host name, none of which a probe on a loopback address should
meet. The answers hold no private data (error class names, not messages, which
may carry host names or user names) and are never cached.
"""

import logging
import shutil

from django.conf import settings
from django.db import connection
from django.http import HttpResponse, JsonResponse
from django.utils import timezone
from django.utils.cache import add_never_cache_headers

logger = logging.getLogger(__name__)
TASK_BACKEND = "django_tasks_db.DatabaseBackend"


def check_database():
    try:
        connection.ensure_connection()
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except Exception as exc:  # noqa: BLE001 - any failure means "not ready"
        logger.warning("readyz: the database does not answer: %s", exc)
        return {"ok": False, "vendor": connection.vendor, "error": type(exc).__name__}
    return {"ok": True, "vendor": connection.vendor}


def check_search():
    from search.status import engine_status

    status = engine_status()
    if not status.up:
        logger.warning("readyz: the %s search engine is down: %s", status.name, status.detail)
        return {"ok": False, "engine": status.name, "error": status.error}
    return {"ok": True, "engine": status.name, "indexed": status.total}


def _backlog(queryset, created_field):
    max_age = settings.READYZ_BACKLOG_MAX_AGE
    oldest = queryset.order_by(created_field).values_list(created_field, flat=True).first()
    age = max(0, int((timezone.now() - oldest).total_seconds())) if oldest else None
    ok = not (max_age and age is not None and age > max_age)
    return {"ok": ok, "waiting": queryset.count(), "oldest_age_seconds": age}


def check_outbox():
    from search.models import OutboxEntry

    result = _backlog(OutboxEntry.objects.all(), "created_at")
    result["failed"] = OutboxEntry.objects.filter(attempts__gt=0).count()
    return result


def check_tasks():
    if settings.TASKS.get("default", {}).get("BACKEND") != TASK_BACKEND:
        return {"ok": True, "backend": "immediate"}  # nothing is queued
    from django_tasks_db.models import DBTaskResult

    return {"backend": "database", **_backlog(DBTaskResult.objects.ready(), "enqueued_at")}


def check_disk():
    minimum = settings.READYZ_DISK_MIN_FREE_BYTES
    try:
        free = shutil.disk_usage(settings.VAR_DIR).free
    except OSError as exc:
        return {"ok": False, "error": type(exc).__name__}
    return {"ok": free >= minimum, "free_bytes": free, "min_free_bytes": minimum}


def check_cache():
    from django.core.cache import cache

    backend = "redis" if settings.REDIS_URL else "file"
    probe = getattr(cache, "probe", None)  # the fail-safe backends (website.cache)
    if probe is None:
        return {"ok": True, "backend": type(cache).__name__}
    error = probe()
    if error:
        logger.warning("readyz: the %s cache does not answer (%s): pages render uncached",
                       backend, error)
        return {"ok": False, "backend": backend, "error": error}
    return {"ok": True, "backend": backend}


# Reported when they fail, without taking the server out of rotation (see above).
DEGRADED_ONLY = {"cache"}


def readiness():
    """Every check's result, the names of those that failed and of those degraded."""
    checks = {"database": check_database()}
    if checks["database"]["ok"]:
        checks["outbox"] = check_outbox()
        checks["tasks"] = check_tasks()
    else:
        skipped = {"ok": None, "skipped": "the database does not answer"}
        checks["outbox"] = checks["tasks"] = skipped
    checks["search"] = check_search()
    checks["disk"] = check_disk()
    checks["cache"] = check_cache()
    down = [name for name, result in checks.items() if result["ok"] is False]
    failed = [name for name in down if name not in DEGRADED_ONLY]
    degraded = [name for name in down if name in DEGRADED_ONLY]
    return checks, failed, degraded


def healthz(request):
    response = HttpResponse("ok\n", content_type="text/plain; charset=utf-8")
    add_never_cache_headers(response)
    return response


def readyz(request):
    checks, failed, degraded = readiness()
    body = {"status": "not ready" if failed else "ready", "failed": failed,
            "degraded": degraded, "checks": checks}
    response = JsonResponse(body, status=503 if failed else 200)
    add_never_cache_headers(response)
    return response


VIEWS = {"/healthz": healthz, "/readyz": readyz}


class HealthMiddleware:
    """Answers ``/healthz`` and ``/readyz`` (with or without a trailing slash) first."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        view = VIEWS.get(request.path_info.rstrip("/"))
        if view is None or request.method not in ("GET", "HEAD"):
            return self.get_response(request)
        return view(request)
