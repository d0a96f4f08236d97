"""One log line per request, a request id on every record, slow requests and queries.

``RequestLogMiddleware`` is the outermost middleware, so that what it measures
and logs covers everything the app does for a request, redirects to HTTPS and
error pages included. For each request it

- takes the request id from the proxy's ``X-Request-ID`` when the app runs
  behind one (``TRUSTED_PROXY_COUNT`` > 0: the proxy sets the header, a
  visitor cannot choose it) and the value is a short, safe token; otherwise it
  makes one. The id goes back in the response's ``X-Request-ID`` and onto every
  log record written while the request runs (``RequestIdFilter`` reads it from
  a context variable, so threads and async tasks each see their own);
- writes one line on ``website.requests``: method, path, status, duration in
  milliseconds and the user's id (``-`` for visitors). The path is logged
  without its query string and with URL parts that carry secrets (the key of
  a password-reset or e-mail confirmation link) replaced, so no token or
  password from a URL or a form body ever reaches the logs. A request slower
  than ``SLOW_REQUEST_MS`` is logged as a warning, marked ``slow``;
- times each database query through a connection ``execute_wrapper`` and logs
  one over ``SLOW_QUERY_MS`` as a warning on ``website.queries``, with its SQL
  (placeholders, never the parameters). Under the threshold it costs two clock
  readings per query.

``JsonFormatter`` writes a record as one JSON object per line
(``LOG_FORMAT=json``), with the request's fields as keys of their own.

Logging is configured before the apps are loaded: this module imports no models.
"""

import contextvars
import json
import logging
import re
import time
import uuid
from contextlib import ExitStack

from django.conf import settings
from django.db import connections

request_logger = logging.getLogger("website.requests")
query_logger = logging.getLogger("website.queries")

request_id_var = contextvars.ContextVar("request_id", default="-")

REQUEST_ID_HEADER = "X-Request-ID"
SAFE_REQUEST_ID = re.compile(r"[A-Za-z0-9._:-]{1,64}")
# URL parameters (by name, in the resolved route) whose values are secrets.
SENSITIVE_URL_KWARGS = {"key", "token", "uidb36", "uidb64", "secret", "password"}
REDACTED = "[redacted]"
SQL_LOG_LIMIT = 2000
# What a LogRecord has of its own; everything else was passed as ``extra``.
_RECORD_ATTRIBUTES = set(vars(logging.makeLogRecord({}))) | {"message", "asctime", "request_id"}
_PLAIN = str | int | float | bool | None


def current_request_id():
    """The id of the request this code runs for, ``-`` outside a request."""
    return request_id_var.get()


def request_id_for(request):
    """The proxy's ``X-Request-ID`` when a proxy is trusted and it is a safe token, else a new id."""
    incoming = request.headers.get(REQUEST_ID_HEADER, "")
    if settings.ALLAUTH_TRUSTED_PROXY_COUNT > 0 and SAFE_REQUEST_ID.fullmatch(incoming):
        return incoming
    return uuid.uuid4().hex


def loggable_path(request):
    """``request.path`` without its query string and with secret URL parts redacted."""
    path = request.path
    match = getattr(request, "resolver_match", None)
    if match is not None:
        for name, value in match.kwargs.items():
            if name in SENSITIVE_URL_KWARGS and value:
                path = path.replace(str(value), REDACTED)
    return path


def user_id(request):
    user = getattr(request, "user", None)
    if user is not None and user.is_authenticated:
        return str(user.pk)
    return "-"


class RequestIdFilter(logging.Filter):
    """Put the current request's id on every record (``%(request_id)s``, the JSON key)."""

    def filter(self, record):
        record.request_id = request_id_var.get()
        return True


class JsonFormatter(logging.Formatter):
    """One JSON object per line: time, level, logger, message, request id, extras, traceback."""

    def format(self, record):
        entry = {
            "time": self.formatTime(record, "%Y-%m-%dT%H:%M:%S%z"),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
            "request_id": getattr(record, "request_id", request_id_var.get()),
        }
        for name, value in vars(record).items():
            # Plain values only: an object's repr can carry secrets (Django's
            # ``request`` extra shows the full URL, query string included).
            if name not in _RECORD_ATTRIBUTES and isinstance(value, _PLAIN):
                entry[name] = value
        if record.exc_info:
            entry["exception"] = self.formatException(record.exc_info)
        if record.stack_info:
            entry["stack"] = self.formatStack(record.stack_info)
        return json.dumps(entry, ensure_ascii=False)


class SlowQueryLogger:
    """A connection ``execute_wrapper``: times each query, logs those over the threshold."""

    def __init__(self, alias, threshold_ms):
        self.alias = alias
        self.threshold_ms = threshold_ms

    def __call__(self, execute, sql, params, many, context):
        start = time.perf_counter()
        try:
            return execute(sql, params, many, context)
        finally:
            elapsed_ms = (time.perf_counter() - start) * 1000
            if elapsed_ms >= self.threshold_ms:
                query_logger.warning(
                    "slow query %.1fms on %s: %s",
                    elapsed_ms,
                    self.alias,
                    str(sql)[:SQL_LOG_LIMIT],
                    extra={"duration_ms": round(elapsed_ms, 1), "database": self.alias},
                )


class RequestLogMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request_id = request_id_for(request)
        token = request_id_var.set(request_id)
        start = time.perf_counter()
        try:
            with ExitStack() as stack:
                if settings.SLOW_QUERY_MS >= 0:
                    for alias in connections:
                        wrapper = SlowQueryLogger(alias, settings.SLOW_QUERY_MS)
                        stack.enter_context(connections[alias].execute_wrapper(wrapper))
                response = self.get_response(request)
            response[REQUEST_ID_HEADER] = request_id
            self.log(request, response, (time.perf_counter() - start) * 1000)
            return response
        finally:
            request_id_var.reset(token)

    def log(self, request, response, duration_ms):
        slow = 0 <= settings.SLOW_REQUEST_MS <= duration_ms
        fields = {
            "method": request.method,
            "path": loggable_path(request),
            "status": response.status_code,
            "duration_ms": round(duration_ms, 1),
            "user": user_id(request),
        }
        request_logger.log(
            logging.WARNING if slow else logging.INFO,
            "%s %s %s %.1fms user=%s%s",
            fields["method"],
            fields["path"],
            fields["status"],
            duration_ms,
            fields["user"],
            " slow" if slow else "",
            extra={**fields, "slow": slow},
        )


def sentry_before_send(event, hint):
    """Tag a Sentry event with the request id; send no query string (it may hold a token)."""
    request_id = request_id_var.get()
    if request_id != "-":
        event.setdefault("tags", {})["request_id"] = request_id
    request = event.get("request")
    if isinstance(request, dict):
        request.pop("query_string", None)
        if isinstance(request.get("url"), str):
            request["url"] = request["url"].split("?", 1)[0]
    return event
