"""The interface both engines implement. Views and the Python API only use this.

``search`` returns a ``SearchResponse`` whose facet values carry raw values
and counts (labels are added by ``search.api``); ``suggest`` returns at most
``limit`` dicts with id, title, url and kind; ``related`` returns ``Hit`` objects.

Write methods return ``{doc id: error}`` for the items the engine did not
confirm (a per-item rejection) and raise ``EngineError`` when the whole
request failed; either way the outbox keeps exactly those updates and retries
them. Removing a document that is not there is a confirmed removal.

Each engine object carries the process's circuit breaker (``breaker.py``);
callers go through ``engine.breaker.call``.
"""

from .breaker import CircuitBreaker
from .errors import EngineError, EngineUnavailable, RequestRejected


def batches(iterable, size):
    """Lists of ``size`` items (the last one shorter) from any iterable, lazily."""
    batch = []
    for item in iterable:
        batch.append(item)
        if len(batch) == size:
            yield batch
            batch = []
    if batch:
        yield batch


class SearchEngine:
    name = "abstract"

    def __init__(self):
        self.breaker = CircuitBreaker(self.name, probe=self.probe)

    def search(self, query):
        raise NotImplementedError

    def search_ids(self, query, limit=1000):
        """(doc id, object pk) of up to ``limit`` matches in result order, without facets."""
        raise NotImplementedError

    def suggest(self, prefix, language=None, limit=8):
        raise NotImplementedError

    def related(self, doc_id, limit=6):
        raise NotImplementedError

    def index_documents(self, documents):
        """Add or replace documents (SearchDocument) in one batch; ``{doc id: error}`` of failures."""
        raise NotImplementedError

    def delete_documents(self, doc_ids):
        """Remove documents by id; ``{doc id: error}`` of those not confirmed removed."""
        raise NotImplementedError

    def rebuild_lock(self):
        """A context manager (``search.locks``) held around a rebuild, yielding an object whose
        ``renew()`` the rebuild calls as it goes; ``RebuildRunning`` if another rebuild holds it."""
        raise NotImplementedError

    def rebuild(self, documents, progress=None):
        """Build a fresh index from an iterable of documents, then swap it in; returns count.

        The caller holds ``rebuild_lock()`` (``rebuild_search_index`` does).
        """
        raise NotImplementedError

    def count(self):
        raise NotImplementedError

    def healthy(self):
        """True when the engine answers now; asks it directly (``search_status``), not the breaker."""
        return True

    def probe(self):
        """A quick "is it there at all?" the breaker asks before it lets a request try again."""
        return self.healthy()


__all__ = ["EngineError", "EngineUnavailable", "RequestRejected", "SearchEngine", "batches"]
