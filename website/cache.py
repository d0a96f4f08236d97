"""Cache backends that never fail a page: a storage error is logged and answered as a miss.

The cache only ever holds copies of what the database says (every key carries
the durable content generation, ``website.chrome``), so a page can always be
built without it. A full disk under the file cache, a cache folder that cannot
be created, or a Redis server that is down or does not answer would otherwise
turn every page, the login form included, into a server error. Here each read
answers "not found", each write is dropped, and the page renders uncached.

Callers see a cache that forgets at once: ``add`` reports success (the key was
missing), ``incr`` raises ``ValueError`` as for a missing key. What depends on
the cache degrades accordingly and the log says so: allauth's rate limits and
its replay guard for one-time codes are not enforced while the cache is down,
and request-time sweeps wait (``website.sweeps.exclusively`` takes its lock
only if it can read it back).

Redis errors usually come from the network, so after one this process leaves
Redis alone for a few seconds rather than pay a connection timeout on every
cache call of every request; file errors are immediate and are retried each time.
"""

import logging
import time
import uuid

from django.core.cache.backends.base import DEFAULT_TIMEOUT
from django.core.cache.backends.filebased import FileBasedCache
from django.core.cache.backends.redis import RedisCache

logger = logging.getLogger(__name__)


class FailSafeCacheMixin:
    pause_after_error = 0  # seconds to skip the storage after an error (this process)
    _paused_until = 0.0

    def _guard(self, operation, fallback, method, *args, **kwargs):
        if self._paused():
            return fallback
        try:
            return method(*args, **kwargs)
        except Exception as error:  # noqa: BLE001 - any storage failure is a miss
            self._failed(operation, error)
            return fallback

    def _paused(self):
        return bool(self.pause_after_error) and time.monotonic() < self._paused_until

    def _failed(self, operation, error):
        logger.warning(
            "cache %s failed (%s: %s); answered as a miss, the page renders uncached",
            operation, type(error).__name__, error,
        )
        if self.pause_after_error:
            self._paused_until = time.monotonic() + self.pause_after_error

    def get(self, key, default=None, version=None):
        return self._guard("get", default, super().get, key, default, version)

    def get_many(self, keys, version=None):
        return self._guard("get_many", {}, super().get_many, keys, version)

    def has_key(self, key, version=None):
        return self._guard("has_key", False, super().has_key, key, version)

    def add(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        return self._guard("add", True, super().add, key, value, timeout, version)

    def set(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        return self._guard("set", None, super().set, key, value, timeout, version)

    def set_many(self, data, timeout=DEFAULT_TIMEOUT, version=None):
        return self._guard("set_many", list(data), super().set_many, data, timeout, version)

    def touch(self, key, timeout=DEFAULT_TIMEOUT, version=None):
        return self._guard("touch", False, super().touch, key, timeout, version)

    def delete(self, key, version=None):
        return self._guard("delete", False, super().delete, key, version)

    def delete_many(self, keys, version=None):
        return self._guard("delete_many", None, super().delete_many, keys, version)

    def incr(self, key, delta=1, version=None):
        unavailable = ValueError(f"Key '{key}' not found (the cache is unavailable)")
        if self._paused():
            raise unavailable
        try:
            return super().incr(key, delta, version)
        except ValueError:  # the key is missing: the ordinary answer
            raise
        except Exception as error:  # noqa: BLE001 - any storage failure is a miss
            self._failed("incr", error)
            raise unavailable from error

    def clear(self):
        return self._guard("clear", None, super().clear)

    def probe(self):
        """Write, read back and delete a key on the storage itself, past the guard.

        ``/readyz`` asks this: the guard would answer every failure as a miss (and
        skip a paused Redis), so it could not tell a working cache from a dead
        one. Returns None when the storage works, else what went wrong.
        """
        key = f"readyz-probe:{uuid.uuid4().hex}"
        try:
            super().set(key, "1", 10)
            found = super().get(key)
            super().delete(key)
        except Exception as error:  # noqa: BLE001 - any storage failure is the answer
            return type(error).__name__
        return None if found == "1" else "the written key was not read back"


class FailSafeFileBasedCache(FailSafeCacheMixin, FileBasedCache):
    """The file cache under ``VAR_DIR`` (one machine, every worker process)."""

    def __init__(self, directory, params):
        # Django creates the folder here (its last step) and again on each write: a
        # folder that cannot be created makes every operation a miss, not a failed page.
        self._guard("setup", None, super().__init__, directory, params)


class FailSafeRedisCache(FailSafeCacheMixin, RedisCache):
    """The shared Redis cache (``REDIS_URL``, several app servers)."""

    pause_after_error = 5
