"""What "unchanged" means: a record that would leave its page (or object) as it is.

Each written page keeps the digest of its cleaned record (``import_hash``):
the values after every cell has been read and normalised, so a file that says
the same thing in other words (2018 or "2018", an indicator as an object or as
text, a deadline with its offset or in UTC) gives the same digest. A record
whose digest differs from the page's is then compared with the page itself: the
page's export, merged and cleaned the same way. An unchanged export therefore
imports as unchanged whatever file first made the pages (one with programme
names where the export has slugs, say).

The dry run and the real run both ask ``predict``, so the dry run reports the
counts the real run will have.
"""

import datetime as dt
import hashlib
import json
from decimal import Decimal

from website.importing.translations import inherit

BATCH = 500


def is_object(handler):
    return getattr(handler, "object_handler", False)


def canonical(value):
    """A JSON value that two equal cleaned values share (and unequal ones do not)."""
    if isinstance(value, dict):
        return {str(key): canonical(item) for key, item in value.items()}
    if isinstance(value, (list, tuple)):
        return [canonical(item) for item in value]
    if isinstance(value, Decimal):
        return format(value.normalize(), "f") if value.is_finite() else str(value)
    if isinstance(value, dt.datetime):
        if value.tzinfo is not None:
            value = value.astimezone(dt.UTC)
        return value.isoformat()
    if isinstance(value, (dt.date, dt.time)):
        return value.isoformat()
    if value is None or isinstance(value, (str, int, float, bool)):
        return value
    raise TypeError(f"cleaned import values must be plain data, not {type(value).__name__}")


def digest(cleaned):
    payload = json.dumps(canonical(cleaned), sort_keys=True, ensure_ascii=False)
    return hashlib.sha1(payload.encode("utf-8"), usedforsecurity=False).hexdigest()


def predict(items, ctx, draft):
    """Set ``item.predicted`` ("created", "updated" or "unchanged") for valid items."""
    compare = []
    for item in items:
        if is_object(item.handler):
            item.predicted = item.handler.outcome(item.cleaned, item.id)
            continue
        ref = item.existing
        if ref is None:
            item.predicted = "created"
        elif ref.live == draft or (not draft and ref.has_unpublished_changes):
            item.predicted = "updated"  # published as a draft now, or a draft to publish
        elif ref.import_hash == item.hash:
            item.predicted = "unchanged"
        else:
            compare.append(item)
    by_handler = {}
    for item in compare:
        by_handler.setdefault(item.handler, []).append(item)
    for handler, group in by_handler.items():
        for start in range(0, len(group), BATCH):
            chunk = group[start:start + BATCH]
            pages = handler.export_queryset().in_bulk([item.existing.pk for item in chunk])
            for item in chunk:
                page = pages.get(item.existing.pk)
                same = page is not None and page_digest(item, page, ctx) == item.hash
                item.predicted = "unchanged" if same else "updated"


def page_digest(item, page, ctx):
    """The digest the page's own export would have, read as this record is read."""
    record = item.handler.export(page, ctx.export_ids(item.handler, page))
    cleaned = item.handler.clean(inherit(record, item.base), ctx, lambda *args: None)
    return digest(cleaned)
