"""Tests: fast hasher, in-memory cache and mail, tasks run at once, an isolated var/.

Mail is queued as in production (``website.mail``) and delivered to Django's
in-memory outbox when the task runs, i.e. when the transaction commits.
"""

import os
import tempfile
from pathlib import Path

from .base import *  # noqa: F403
from .base import DATABASES

SECRET_KEY = "test-secret-key-not-for-production-" + "x" * 32
DEBUG = False
ALLOWED_HOSTS = ["testserver", "localhost", "127.0.0.1"]
SECURE_SSL_REDIRECT = False
SESSION_COOKIE_SECURE = False
CSRF_COOKIE_SECURE = False
SECURE_HSTS_SECONDS = 0

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
MAIL_DELIVERY_BACKEND = "django.core.mail.backends.locmem.EmailBackend"  # mail.outbox
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

# Each test run gets its own media and search folders.
_TMP = Path(tempfile.mkdtemp(prefix="competence-hub-test-"))
MEDIA_ROOT = _TMP / "media"
SEARCH_INDEX_DIR = _TMP / "search"
VAR_DIR = _TMP
STATIC_ROOT = _TMP / "static"
STATIC_ROOT.mkdir()
# Made by the tests (or the demo loader) when they need it; never the developer's own key.
CERTIFICATE_SIGNING_KEY = str(_TMP / "certificate-signing-key.pem")

# A file database for SQLite (not :memory:) so threads and the live server share it.
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3" and not os.environ.get(
    "DATABASE_URL"
):
    DATABASES["default"]["NAME"] = str(_TMP / "db.sqlite3")
    DATABASES["default"]["TEST"] = {"NAME": str(_TMP / "test-db.sqlite3")}

# No slow-request or slow-query warnings (tests/website/test_request_log.py turns them on).
SLOW_REQUEST_MS = -1
SLOW_QUERY_MS = -1

# Only the daily sweep runs from requests: the funding one (every 10 minutes) and
# scheduled publishing (every 30 s) could land inside a query count.
# tests/funding/test_sweep.py and tests/website/test_scheduled_publishing.py turn them on.
REQUEST_TIME_SWEEPS = ["network.sweep.sweep_expired_posts"]
