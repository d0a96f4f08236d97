"""Engine selection: Elasticsearch when ELASTICSEARCH_URL is set, else the embedded index."""

import threading

from django.conf import settings

from .base import EngineError, EngineUnavailable, RequestRejected, SearchEngine

_lock = threading.Lock()
_engines = {}


def get_engine():
    """The configured engine, one instance (and so one circuit breaker) per process and configuration."""
    url = settings.ELASTICSEARCH_URL
    key = (
        ("es", url, settings.ELASTICSEARCH_INDEX)
        if url
        else ("embedded", str(settings.SEARCH_INDEX_DIR))
    )
    with _lock:
        engine = _engines.get(key)
        if engine is None:
            if url:
                from .elastic import ElasticsearchEngine

                engine = ElasticsearchEngine(
                    url, settings.ELASTICSEARCH_INDEX, timeout=settings.ELASTICSEARCH_TIMEOUT
                )
            else:
                from .embedded import EmbeddedEngine

                engine = EmbeddedEngine(settings.SEARCH_INDEX_DIR)
            _engines[key] = engine
        return engine


def reset_engines():
    """Forget cached engines (settings changed in tests)."""
    with _lock:
        _engines.clear()


__all__ = [
    "EngineError",
    "EngineUnavailable",
    "RequestRejected",
    "SearchEngine",
    "get_engine",
    "reset_engines",
]
