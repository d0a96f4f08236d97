"""Validate every record, then write them all in one transaction, or nothing.

``run_import`` checks each record (its type, id, language, translation link and
every field), collecting *all* problems with their line and field. Only when
there are none does it write: new pages go under their section's index page in
their language, translations share their source's translation key (what
``copy_for_translation`` and wagtail-localize use), and each page gets a
revision and is published (or left as a draft). Records whose content has not
changed since the last import are skipped, so re-importing a file is cheap and
changes nothing.

Imports run one at a time, and a real (not dry) run validates inside its
write transaction: a second import of the same file started meanwhile waits
for the first, then sees its pages and reports them unchanged. Ids are
compared normalised (``website.importing.ids``), and a unique constraint per
type and id backs this up: a clash with a concurrent writer (an editor, or a
database without the import lock) fails the whole import cleanly.
"""

from django.conf import settings
from django.db import IntegrityError, connection, transaction
from django.utils.translation import gettext as _

from website.importing import fields as cells
from website.importing.changes import digest, is_object, predict
from website.importing.context import ImportContext, Item
from website.importing.parsing import structure_problems
from website.importing.registry import get_handler, known_fields, known_types
from website.importing.report import ImportReport, Problem
from website.importing.translations import identify, merge_source, resolve_translation
from website.importing.writing import progress_bar, write

ID_MAX_LENGTH = 120
# Handlers with ``object_handler = True`` write plain models (members) rather than
# pages: ``clean`` as usual, ``outcome(cleaned, id)`` says what writing would do
# ("created", "updated" or "unchanged", for the dry run), ``write_object(cleaned, id)
# -> (obj, created)`` (None: unchanged) writes, and ``existing_ids()`` (import id ->
# pk) lets pages refer to them. A page handler names such columns in
# ``object_references`` ({column: record type}); they are checked here like
# ``related``, and objects are written before any page.
# Any fixed number: the PostgreSQL advisory lock that lets one import write at a time.
IMPORT_LOCK = 7_340_001


def run_import(records, *, dry_run=False, draft=False, progress=False, user=None):
    """Import parsed records; returns an ``ImportReport`` (problems mean nothing was written)."""
    report = ImportReport(total=len(records), dry_run=dry_run, draft=draft)
    if dry_run:
        ctx = ImportContext()
        items = validate(records, ctx, report, progress)
        report.problems.sort(key=lambda p: (p.line, p.field))
        if not report.problems:
            predict(items, ctx, draft)
            for item in items:
                report.count(item.type, item.predicted)
        return report
    try:
        with transaction.atomic():
            lock_imports()
            ctx = ImportContext()
            items = validate(records, ctx, report, progress)
            if report.problems:
                report.problems.sort(key=lambda p: (p.line, p.field))
                raise Invalid
            predict(items, ctx, draft)
            write(items, ctx, report, draft=draft, progress=progress, user=user)
    except Invalid:
        pass
    except IntegrityError as exc:
        fail(report, Problem(getattr(exc, "import_line", 0), "", _(
            "could not be saved: another import or an editor saved some of these items at the "
            "same time. Nothing was imported; check the file again.")))
    except Exception as exc:  # noqa: BLE001 - reported, and the transaction is rolled back
        line = getattr(exc, "import_line", 0)
        fail(report, Problem(line, "", _("could not be saved: %(e)s") % {"e": exc}))
    return report


class Invalid(Exception):  # noqa: N818 - rolls back an import with problems
    """Raised inside the write transaction when validation found problems."""


def fail(report, problem):
    report.problems.append(problem)
    report.created = report.updated = report.unchanged = 0
    report.by_type = {}


def lock_imports():
    """Let one import write at a time (until its transaction ends).

    SQLite needs nothing: its transactions are IMMEDIATE (settings), so the
    second import's transaction starts only when the first has committed.
    """
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_xact_lock(%s)", [IMPORT_LOCK])


def id_limit(handler):
    """The longest id a type can store (its model's ``import_id`` column, at most 120)."""
    model = getattr(handler, "model", None)
    try:
        return min(ID_MAX_LENGTH, model._meta.get_field("import_id").max_length)
    except (AttributeError, LookupError):
        return ID_MAX_LENGTH


# -- validation ------------------------------------------------------------------------


def validate(records, ctx, report, progress=False):
    languages = [code for code, _name in settings.LANGUAGES]
    fields_known = set(known_fields())
    items, seen = [], {}

    def problem(line, field_name, message, record_id=""):
        report.problems.append(Problem(line, field_name, message, record_id))

    for record in records:
        data = record.data
        broken = [*record.problems, *structure_problems(data)]
        for field_name, message in broken:
            problem(record.line, field_name, message)
        if broken:
            continue

        def cell(name, convert=cells.text, line=record.line, data=data):
            try:
                return convert(data.get(name)) or ""
            except cells.CellError as exc:
                problem(line, name, str(exc))
                return None

        record_type = cell("type")
        record_id, language = cell("id", cells.record_id), cell("language")
        source_id = cell("translation_of", cells.record_id)
        if None in (record_type, record_id, language, source_id):
            continue
        handler = get_handler(record_type)
        if handler is not None:
            for key in [key for key in data if key not in fields_known]:
                problem(record.line, key, _("unknown column"), record_id)
        if not record_type:
            problem(record.line, "type", _("the type is missing"), record_id)
            continue
        if handler is None:
            problem(record.line, "type", _("unknown type “%(t)s” (expected one of: %(all)s)") % {
                "t": record_type, "all": ", ".join(known_types())}, record_id)
            continue
        if not record_id:
            problem(record.line, "id", _("the id is missing"))
        elif len(record_id) > id_limit(handler) or "|" in record_id:
            problem(record.line, "id", _("an id has at most %(n)d characters and no “|”") % {
                "n": id_limit(handler)}, record_id)
        elif (record_type, record_id) in seen:
            problem(record.line, "id", _("duplicate id in this file (first on line %(l)d)") % {
                "l": seen[(record_type, record_id)].line}, record_id)
            continue
        if language not in languages:
            problem(record.line, "language", _("“%(v)s” is not one of: %(all)s") % {
                "v": language, "all": ", ".join(languages)}, record_id)
        if source_id == record_id and source_id:
            problem(record.line, "translation_of", _("a record cannot translate itself"), record_id)
            source_id = ""
        if source_id and is_object(handler):
            problem(record.line, "translation_of",
                    _("%(t)s records cannot be translations") % {"t": record_type}, record_id)
            source_id = ""
        item = Item(record.line, record_type, record_id, language, source_id, data, handler)
        if record_id:
            seen[(record_type, record_id)] = item
        items.append(item)

    # Translation links, depth (sources first) and inherited values.
    for item in items:
        if item.translation_of:
            resolve_translation(item, seen, ctx, problem)
    for item in progress_bar(items, len(items), _("Checking"), progress):
        merged = merge_source(item, seen, ctx)

        def error(field_name, message, item=item):
            problem(item.line, field_name, message, item.id)

        try:
            item.cleaned = item.handler.clean(merged, ctx, error)
        except cells.CellError as exc:  # a value read without naming its column
            error("", str(exc))
            item.cleaned = {}
            continue
        item.hash = digest(item.cleaned)
        if not is_object(item.handler):
            identify(item, seen, ctx, error)
        for record_type, target_id in item.cleaned.get("related", []):
            target_handler = get_handler(record_type)
            if target_handler is None:
                error("related", _("unknown type “%(t)s”") % {"t": record_type})
            elif (record_type, target_id) not in seen and target_id not in ctx.existing(
                    target_handler):
                error("related", _("no %(t)s with id “%(id)s” in this file or on the site") % {
                    "t": record_type, "id": target_id})
        for column, record_type in getattr(item.handler, "object_references", {}).items():
            for target_id in item.cleaned.get(column) or []:
                if (record_type, target_id) not in seen and target_id not in ctx.object_ids(
                        record_type):
                    error(column, _("no %(t)s with id “%(id)s” in this file or on the site") % {
                        "t": record_type, "id": target_id})
    return items
