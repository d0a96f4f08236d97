"""Keeping the index in step with the database, through the outbox.

``object_changed`` records "object X changed" in the caller's transaction and
asks for the outbox to be processed after commit. ``process_outbox`` (run by
the ``search.tasks.process_search_outbox`` task) re-reads every recorded
object, writes what is public in one batch and removes the rest. A row goes
only when the engine confirmed its item: a failed request, an item the engine
rejected (Elasticsearch answers per item) or an engine the breaker skips
leaves exactly those rows, with a backoff and ``last_error``, to be retried.
A removal that failed stays recorded as a removal (``action="delete"``), so
``search_status`` lists it and searches hide the document meanwhile.
"""

import contextvars
import datetime as dt
import logging
import time
from contextlib import contextmanager

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.db.models import F
from django.utils import timezone

from search.models import OutboxEntry
from search.registry import build_document, get_source, source_for

logger = logging.getLogger(__name__)

BATCH_SIZE = 500
DOCUMENTS_VERSION_KEY = "search:documents-version"
OUTBOX_SWEEP_KEY = "search:outbox-swept"
MAX_BACKOFF = dt.timedelta(hours=1)
MAX_DELETE_BACKOFF = dt.timedelta(minutes=2)


def backoff(attempts, cap=MAX_BACKOFF):
    """10 s, 20 s, 40 s ... capped at ``cap`` (one hour; two minutes for removals)."""
    return min(dt.timedelta(seconds=10 * 2 ** max(attempts - 1, 0)), cap)


def _record(doc_id, kind, object_pk, action, announce=True):
    now = timezone.now()
    updated = OutboxEntry.objects.filter(doc_id=doc_id).update(
        kind=kind,
        object_pk=object_pk,
        action=action,
        version=F("version") + 1,
        next_attempt_at=now,
        attempts=0,
        last_error="",
        updated_at=now,
    )
    if not updated:
        OutboxEntry.objects.create(doc_id=doc_id, kind=kind, object_pk=object_pk, action=action)
    if announce:
        _announce()


# Inside ``announced_once``: {"pending": bool}; None outside.
_held = contextvars.ContextVar("search_announcements", default=None)


@contextmanager
def announced_once():
    """Changes recorded inside are announced once, at the end, if there were any.

    For code that cannot gather the objects first: the bulk import sends
    Wagtail's publish signal page by page, and each would otherwise enqueue its
    own outbox task.
    """
    if _held.get() is not None:  # nested: the outer block announces
        yield
        return
    token = _held.set({"pending": False})
    try:
        yield
    finally:
        pending = _held.get()["pending"]
        _held.reset(token)
        if pending:
            _announce()


def _announce():
    """A new documents version now (for this transaction's own reads) and after the commit
    (for everyone's), and the outbox task after the commit."""
    held = _held.get()
    if held is not None:
        held["pending"] = True
        return
    documents_changed()
    transaction.on_commit(documents_changed)
    transaction.on_commit(schedule)


def documents_token():
    """A token that changes with every recorded change (the database fallback caches under it).

    A new token is a time in nanoseconds, never an earlier value: a token the
    cache lost is replaced by a new one, so a lost key means misses, never
    documents of an older state.
    """
    token = cache.get(DOCUMENTS_VERSION_KEY)
    if token is None:
        cache.add(DOCUMENTS_VERSION_KEY, time.time_ns(), None)
        token = cache.get(DOCUMENTS_VERSION_KEY, 0)
    return token


def documents_changed():
    cache.set(DOCUMENTS_VERSION_KEY, time.time_ns(), None)


def object_changed(obj, announce=True):
    """Record that ``obj`` may have changed; no-op for objects no source handles.

    Safe to call for any change (approval, rejection, edit, deletion in pre_delete):
    the worker re-reads it and indexes it only while ``get_queryset()`` contains it.
    """
    source = source_for(obj)
    if source is None:
        return False
    _record(source.document_id(obj), source.key, str(obj.pk), "index", announce)
    return True


def objects_changed(objects):
    """``object_changed`` for many objects (after ``QuerySet.update()`` and imports), announced once."""
    count = sum(1 for obj in objects if object_changed(obj, announce=False))
    if count:
        _announce()
    return count


def object_removed(obj):
    """Remove ``obj``'s document whatever the database says (account deletion and the like)."""
    source = source_for(obj)
    if source is None:
        return False
    _record(source.document_id(obj), source.key, str(obj.pk), "delete")
    return True


def document_removed(doc_id):
    """Remove a document by id, e.g. ``document_removed("member:member-42")``."""
    _record(doc_id, doc_id.split(":", 1)[0], "", "delete")


def schedule():
    """Enqueue the outbox task; a queue failure never breaks the caller's save."""
    from search.tasks import process_search_outbox

    try:
        process_search_outbox.enqueue()
    except Exception:  # noqa: BLE001 - the rows wait; the next change or request retries
        logger.exception("search: could not enqueue the outbox task")


def sweep_outbox():
    """A request-time sweep (``REQUEST_TIME_SWEEPS``): with no worker running, or after a
    failed enqueue, due index updates are retried from ordinary requests, at most every
    ``SEARCH_OUTBOX_SWEEP_SECONDS``. True when it enqueued the outbox task."""
    if not cache.add(OUTBOX_SWEEP_KEY, True, timeout=settings.SEARCH_OUTBOX_SWEEP_SECONDS):
        return None
    if not due_entries().exists():
        return False
    schedule()
    return True


def due_entries(now=None):
    return OutboxEntry.objects.filter(next_attempt_at__lte=now or timezone.now())


def process_outbox(engine=None, now=None, limit=10_000):
    """Write due outbox rows to the engine; returns (written, removed, failed)."""
    from search.engines import get_engine

    engine = engine or get_engine()
    now = now or timezone.now()
    written = removed = failed = 0
    seen = set()
    while written + removed + failed < limit:
        batch = list(due_entries(now).exclude(pk__in=seen)[:BATCH_SIZE])
        if not batch:
            break
        seen.update(entry.pk for entry in batch)
        w, r, f = _process_batch(engine, batch, now)
        written, removed, failed = written + w, removed + r, failed + f
    return written, removed, failed


def _write(engine, method, items, ids):
    """``{doc id: error}`` of what the engine did not confirm (everything if the call failed).

    Through the breaker: with the engine skipped after a failure, nothing is
    sent and every row waits (``EngineUnavailable``).
    """
    if not items:
        return {}
    try:
        return dict(engine.breaker.call(method, items))
    except Exception as exc:  # noqa: BLE001 - engine down: these updates wait and are retried
        return dict.fromkeys(ids, exc)


def _process_batch(engine, batch, now):
    documents, broken = [], {}
    # Entry pk -> the document ids it is done with once the engine confirms them.
    needs = {entry.pk: [entry.doc_id] for entry in batch}
    deleting = set()  # entries whose document is to be removed
    renamed = set()  # entries whose object's document id changed
    stale = []  # the object's ids under its source's other kinds (an offer become a need)
    by_source = {}
    for entry in batch:
        # ``kind`` holds the source's key (``DocumentSource.key``).
        if entry.action == "delete" or get_source(entry.kind) is None:
            deleting.add(entry.pk)
        else:
            by_source.setdefault(entry.kind, []).append(entry)
    for key, entries in by_source.items():
        source = get_source(key)
        objects = list(source.get_live_objects([e.object_pk for e in entries]))
        source.prepare(objects)
        live = {str(obj.pk): obj for obj in objects}
        for entry in entries:
            obj = live.get(entry.object_pk)
            if obj is None:
                deleting.add(entry.pk)  # no longer public: a removal from now on
                continue
            try:
                doc = build_document(source, obj)
            except Exception as exc:  # noqa: BLE001 - one bad object must not block the rest
                logger.exception("search: could not build document %s", entry.doc_id)
                broken[entry.pk] = exc
                continue
            if doc.id != entry.doc_id:
                # The id changed (an import id was set): the old document goes too.
                needs[entry.pk].append(doc.id)
                renamed.add(entry.pk)
            former = [doc_id for doc_id in source.former_ids(obj) if doc_id != doc.id]
            needs[entry.pk].extend(former)
            stale.extend(former)
            documents.append(doc)
    # Removals, and the old documents of renamed ones.
    to_delete = [e.doc_id for e in batch if e.pk in deleting or e.pk in renamed] + stale
    failures = _write(engine, engine.index_documents, documents, [d.id for d in documents])
    failures.update(_write(engine, engine.delete_documents, to_delete, to_delete))
    written = removed = 0
    waiting = []
    for entry in batch:
        error = broken.get(entry.pk) or next(
            (failures[doc_id] for doc_id in needs[entry.pk] if doc_id in failures), None
        )
        if error is not None:
            _failed(entry, error, now, delete=entry.pk in deleting)
            waiting.append(f"{entry.doc_id} ({error})")
            continue
        # Confirmed. The row goes only if nothing changed meanwhile (then it is next).
        OutboxEntry.objects.filter(pk=entry.pk, version=entry.version).delete()
        if entry.pk in deleting:
            removed += 1
        else:
            written += 1
    if waiting:
        logger.warning("search: %d of %d updates wait for a retry: %s", len(waiting), len(batch),
                       "; ".join(waiting[:3])[:500])
    return written, removed, len(waiting)


def _failed(entry, error, now, delete=False):
    """Keep the row with a later retry and the error; a removal stays recorded as one."""
    attempts = entry.attempts + 1
    message = error if isinstance(error, str) else f"{type(error).__name__}: {error}"
    # Removals retry sooner: the member was told the profile leaves search within minutes.
    wait = backoff(attempts, MAX_DELETE_BACKOFF if delete else MAX_BACKOFF)
    OutboxEntry.objects.filter(pk=entry.pk, version=entry.version).update(
        attempts=attempts,
        last_error=message[:2000],
        next_attempt_at=now + wait,
        **({"action": "delete"} if delete else {}),
    )


def pending_deletions(doc_ids=None):
    """Outbox rows that remove a document the engine still holds (optionally among ``doc_ids``)."""
    rows = OutboxEntry.objects.filter(action="delete")
    if doc_ids is not None:
        rows = rows.filter(doc_id__in=list(doc_ids))
    return rows


def status_counts(now=None, examples=10):
    """Pending (never tried), failed (tried, waiting for a retry), due now, and removals."""
    now = now or timezone.now()
    pending = OutboxEntry.objects.filter(attempts=0).count()
    failed = OutboxEntry.objects.filter(attempts__gt=0).count()
    deletions = pending_deletions().order_by("created_at", "pk")
    return {
        "pending": pending,
        "failed": failed,
        "due": due_entries(now).count(),
        "deletions": deletions.count(),
        "deletion_ids": list(deletions.values_list("doc_id", flat=True)[:examples]),
    }
