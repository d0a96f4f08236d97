"""The circuit breaker in front of the search engine: a dead or silent engine costs one timeout.

Every caller of the engine (``search.api`` for the search page, the JSON API,
suggestions, related content and the section pages' text boxes, and
``search.sync`` for index writes) goes through ``engine.breaker.call``.
After a failure (a timeout, a refused connection, a 5xx, an unreadable index)
the breaker is *open*: for ``SEARCH_BREAKER_SECONDS`` the engine is not asked
at all and callers get ``EngineUnavailable`` at once, so they answer from the
database ("search is temporarily limited") and index updates wait in the
outbox. Then it is *half-open*: one caller at a time probes the engine, first
with the engine's quick ``probe()`` (Elasticsearch: a ping with a short
timeout, so a still-silent cluster costs that caller a fraction of a second,
not a full timeout), then with its real request; success closes the breaker,
failure opens it for another cool-down.

A request the engine refused on its merits (``RequestRejected``, a 4xx) says
the engine is alive, so it does not open the breaker.

The state lives in the engine object, of which each process has one
(``search.engines.get_engine``): every worker process learns on its own first
failure, which costs each of them one timeout per cool-down. Nothing is shared
between processes on purpose: no cache or database round trip sits in front
of every search, and a process never trusts another one's stale verdict.
"""

import logging
import threading
import time

from django.conf import settings

from .errors import EngineUnavailable, RequestRejected

logger = logging.getLogger(__name__)

CLOSED, OPEN, HALF_OPEN = "closed", "open", "half-open"


class CircuitBreaker:
    def __init__(self, name, probe=None):
        self.name = name
        self.probe = probe  # () -> bool: is the engine there at all? (asked before a probe)
        self._lock = threading.Lock()
        self._state = CLOSED
        self._opened_at = 0.0
        self._probing = False
        self.last_error = ""

    @staticmethod
    def cooldown():
        return float(settings.SEARCH_BREAKER_SECONDS)

    @property
    def state(self):
        with self._lock:
            if self._state == OPEN and self._cooled_down():
                return HALF_OPEN
            return self._state

    def _cooled_down(self):
        return time.monotonic() - self._opened_at >= self.cooldown()

    def _acquire(self):
        """None: do not ask; CLOSED: ask; HALF_OPEN: ask, as the one probe of the engine."""
        with self._lock:
            if self._state == CLOSED:
                return CLOSED
            if self._probing or not self._cooled_down():
                return None
            self._state = HALF_OPEN
            self._probing = True
            return HALF_OPEN

    def _succeeded(self):
        with self._lock:
            if self._state != CLOSED:
                logger.warning("search: the %s engine answers again", self.name)
            self._state = CLOSED
            self._probing = False

    def _failed(self, exc):
        with self._lock:
            was = self._state
            self._state = OPEN
            self._opened_at = time.monotonic()
            self._probing = False
            if not isinstance(exc, EngineUnavailable):  # a failed probe: the cause stays
                self.last_error = f"{type(exc).__name__}: {exc}"[:500]
        if was == CLOSED:
            # Logged once per outage and process, not once per request.
            logger.error(
                "search: the %s engine failed (%s); skipping it for %.0f s",
                self.name, self.last_error, self.cooldown(),
            )

    def call(self, fn, *args, **kwargs):
        """``fn(*args, **kwargs)`` if the breaker lets the engine be asked, else EngineUnavailable."""
        granted = self._acquire()
        if granted is None:
            raise EngineUnavailable(
                f"the {self.name} search engine is skipped after a failure ({self.last_error})"
            )
        try:
            if granted == HALF_OPEN and self.probe is not None and not self.probe():
                raise EngineUnavailable(f"the {self.name} search engine still does not answer")
            result = fn(*args, **kwargs)
        except RequestRejected:
            self._succeeded()
            raise
        except Exception as exc:
            self._failed(exc)
            raise
        except BaseException:  # interrupted: no verdict, but the probe slot is free again
            with self._lock:
                self._probing = False
            raise
        self._succeeded()
        return result
