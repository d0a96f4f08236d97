"""Export live content as records in the import format (JSON Lines or CSV).

Round-trip safe: exporting, importing the file into an empty site and
exporting again gives the same file. That needs an order the import keeps:
within a type, the sources (the first-created page of each translation group,
which ``translation_of`` names) in the order they were created, then the
translations in theirs, exactly the order in which an import creates them.
"""

import csv
import io
import json

from website.importing.parsing import neutralise
from website.importing.registry import COMMON_FIELDS, handlers

TRAILING_FIELDS = ["related"]


def page_ids(only=None):
    """pk -> (type, id) for every live page a handler exports (or just ``only``)."""
    ids = {}
    for handler in handlers():
        if getattr(handler, "object_handler", False):
            continue
        queryset = handler.model.objects.live()
        if only is not None:
            queryset = queryset.filter(pk__in=only)
        for pk, import_id in queryset.values_list("pk", "import_id"):
            ids[pk] = (handler.type, import_id or f"{handler.type}-{pk}")
    return ids


def columns_for(handler):
    return COMMON_FIELDS + [name for name in handler.fields if name not in COMMON_FIELDS] + [
        name for name in TRAILING_FIELDS if name not in handler.fields
    ]


def iter_records(types=None, language=None):
    """Every live item as an import record; only ``types`` and ``language`` if given."""
    ids = page_ids()
    for handler in handlers():
        if types and handler.type not in types:
            continue
        if getattr(handler, "object_handler", False):
            for obj in handler.export_queryset():
                record = handler.export(obj, ids)
                if not language or record["language"] == language:
                    yield {name: record.get(name, "") for name in columns_for(handler)}
            continue
        pages = list(handler.export_queryset())  # by pk: the order they were created
        first_in_group = {}
        for page in pages:
            first_in_group.setdefault(page.translation_key, page.pk)
        pages.sort(key=lambda page: first_in_group[page.translation_key] != page.pk)
        for page in pages:
            record = handler.export(page, ids)
            source_pk = first_in_group[page.translation_key]
            record["translation_of"] = ids[source_pk][1] if source_pk != page.pk else ""
            if not language or record["language"] == language:
                yield {name: record.get(name, "") for name in columns_for(handler)}


def to_jsonl(records, stream):
    count = 0
    for record in records:
        stream.write(json.dumps(record, ensure_ascii=False) + "\n")
        count += 1
    return count


def to_csv(records, stream):
    records = list(records)
    columns = []
    for record in records:
        for name in record:
            if name not in columns:
                columns.append(name)
    if not records:
        columns = list(COMMON_FIELDS)
    writer = csv.writer(stream, lineterminator="\n")
    writer.writerow(columns)
    for record in records:
        row = []
        for name in columns:
            value = record.get(name, "")
            if isinstance(value, list):
                value = "|".join(str(v) for v in value)
            row.append(neutralise("" if value is None else str(value)))
        writer.writerow(row)
    return len(records)


def export_string(fmt="jsonl", types=None, language=None):
    buffer = io.StringIO()
    (to_csv if fmt == "csv" else to_jsonl)(iter_records(types, language), buffer)
    return buffer.getvalue()
