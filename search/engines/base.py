"""The interface both engines implement. Views and the Python API only use this.

``search`` returns a ``SearchResponse`` whose facet values carry raw values
and counts (labels are added by ``search.api``); ``suggest`` returns at most
``limit`` dicts with title, url and kind; ``related`` returns ``Hit`` objects.
Write methods raise ``EngineError`` (or the engine's own exception) on
failure; the outbox keeps the update and retries it.
"""


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


class EngineError(RuntimeError):
    """The engine could not answer or could not write."""


class SearchEngine:
    name = "abstract"

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
        """Add or replace documents (SearchDocument) in one batch."""
        raise NotImplementedError

    def delete_documents(self, doc_ids):
        raise NotImplementedError

    def rebuild(self, documents, progress=None):
        """Build a fresh index from an iterable of documents, then swap it in; returns count."""
        raise NotImplementedError

    def count(self):
        raise NotImplementedError

    def healthy(self):
        """True when the engine can answer now (used to choose the fallback)."""
        return True

    def clear(self):
        """Remove every document (tests and rebuilds)."""
        raise NotImplementedError
