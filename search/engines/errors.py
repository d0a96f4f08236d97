"""What an engine raises; the breaker (``breaker.py``) tells them apart."""


class EngineError(RuntimeError):
    """The engine could not answer or could not write (down, silent, unreadable)."""


class RequestRejected(EngineError):
    """The engine is up but refused this one request (a 4xx): it says nothing about health."""


class EngineUnavailable(EngineError):
    """The circuit breaker is open: the engine was not asked."""
