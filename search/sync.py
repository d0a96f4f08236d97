"""Keeping the index in step with the database, through the outbox.

``object_changed`` records "object X changed" in the caller's transaction and
asks for the outbox to be processed after commit. ``process_outbox`` (run by
the ``search.tasks.process_search_outbox`` task) re-reads every recorded
object, writes what is public in one batch and removes the rest; if the engine
fails, the rows stay with a backoff and are retried.
"""

import datetime as dt
import logging

from django.db import transaction
from django.db.models import F
from django.utils import timezone

from search.models import OutboxEntry
from search.registry import build_document, get_source, source_for

logger = logging.getLogger(__name__)

BATCH_SIZE = 500
MAX_BACKOFF = dt.timedelta(hours=1)


def backoff(attempts):
    """10 s, 20 s, 40 s ... capped at one hour."""
    return min(dt.timedelta(seconds=10 * 2 ** max(attempts - 1, 0)), MAX_BACKOFF)


def _record(doc_id, kind, object_pk, action):
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
    transaction.on_commit(schedule)


def object_changed(obj):
    """Record that ``obj`` may have changed; no-op for objects no source handles.

    Safe to call for any change (approval, rejection, edit, deletion in pre_delete):
    the worker re-reads it and indexes it only while ``get_queryset()`` contains it.
    """
    source = source_for(obj)
    if source is None:
        return False
    _record(source.document_id(obj), source.kind, str(obj.pk), "index")
    return True


def objects_changed(objects):
    """``object_changed`` for many objects (after ``QuerySet.update()`` and imports)."""
    return sum(1 for obj in objects if object_changed(obj))


def object_removed(obj):
    """Remove ``obj``'s document whatever the database says (account deletion and the like)."""
    source = source_for(obj)
    if source is None:
        return False
    _record(source.document_id(obj), source.kind, str(obj.pk), "delete")
    return True


def document_removed(doc_id):
    """Remove a document by id, e.g. ``document_removed("member:42")``."""
    _record(doc_id, doc_id.split(":", 1)[0], "", "delete")


def schedule():
    """Enqueue the outbox task; a queue failure never breaks the caller's save."""
    from search.tasks import process_search_outbox

    try:
        process_search_outbox.enqueue()
    except Exception:  # noqa: BLE001 - the rows wait; the next change or request retries
        logger.exception("search: could not enqueue the outbox task")


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


def _process_batch(engine, batch, now):
    documents, deletions, broken = [], [], {}
    by_kind = {}
    for entry in batch:
        if entry.action == "delete" or get_source(entry.kind) is None:
            deletions.append(entry)
        else:
            by_kind.setdefault(entry.kind, []).append(entry)
    for kind, entries in by_kind.items():
        source = get_source(kind)
        objects = list(source.get_live_objects([e.object_pk for e in entries]))
        source.prepare(objects)
        live = {str(obj.pk): obj for obj in objects}
        for entry in entries:
            obj = live.get(entry.object_pk)
            if obj is None:
                deletions.append(entry)
                continue
            try:
                doc = build_document(source, obj)
            except Exception as exc:  # noqa: BLE001 - one bad object must not block the rest
                logger.exception("search: could not build document %s", entry.doc_id)
                broken[entry.pk] = exc
                continue
            if doc.id != entry.doc_id:
                # The id changed (an import id was set): drop the old document too.
                deletions.append(OutboxEntry(doc_id=entry.doc_id))
            documents.append((entry, doc))
    try:
        engine.index_documents([doc for _entry, doc in documents])
        engine.delete_documents([entry.doc_id for entry in deletions])
    except Exception as exc:  # noqa: BLE001 - engine down: everything waits and is retried
        logger.warning("search: engine write failed, %d updates wait: %s", len(batch), exc)
        for entry in batch:
            _failed(entry, exc, now)
        return 0, 0, len(batch)
    done = [entry for entry in batch if entry.pk not in broken]
    for entry in done:
        # Only if nothing changed meanwhile (the newer change is processed next time).
        OutboxEntry.objects.filter(pk=entry.pk, version=entry.version).delete()
    for entry in batch:
        if entry.pk in broken:
            _failed(entry, broken[entry.pk], now)
    return len(documents), len([e for e in deletions if e.pk]), len(broken)


def _failed(entry, exc, now):
    attempts = entry.attempts + 1
    OutboxEntry.objects.filter(pk=entry.pk, version=entry.version).update(
        attempts=attempts,
        last_error=f"{type(exc).__name__}: {exc}"[:2000],
        next_attempt_at=now + backoff(attempts),
    )


def status_counts(now=None):
    now = now or timezone.now()
    pending = OutboxEntry.objects.filter(attempts=0).count()
    failed = OutboxEntry.objects.filter(attempts__gt=0).count()
    return {"pending": pending, "failed": failed, "due": due_entries(now).count()}
