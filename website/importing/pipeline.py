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

import hashlib
import json
import sys

from django.conf import settings
from django.db import IntegrityError, connection, transaction
from django.utils.translation import gettext as _
from tqdm import tqdm

from website.importing import bulk
from website.importing import fields as cells
from website.importing.context import ImportContext, Item
from website.importing.parsing import structure_problems
from website.importing.registry import COMMON_FIELDS, get_handler, known_fields, known_types
from website.importing.report import ImportReport, Problem

ID_MAX_LENGTH = 120
# Handlers with ``object_handler = True`` write plain models (members) rather than
# pages: ``clean`` as usual, then ``write_object(cleaned, id) -> (obj, created)``, and
# ``existing_ids()`` (import id -> pk) so that pages can refer to them. A page handler
# names such columns in ``object_references`` ({column: record type}); they are
# checked here like ``related``, and objects are written before any page.
PROGRESS_THRESHOLD = 200
# Any fixed number: the PostgreSQL advisory lock that lets one import write at a time.
IMPORT_LOCK = 7_340_001


def is_object(handler):
    return getattr(handler, "object_handler", False)


def is_empty(value):
    return value is None or value == "" or value == []


def record_hash(merged):
    payload = json.dumps(merged, sort_keys=True, default=str, ensure_ascii=False)
    return hashlib.sha1(payload.encode("utf-8"), usedforsecurity=False).hexdigest()


def progress_bar(iterable, total, desc, show):
    return tqdm(
        iterable, total=total, desc=desc, unit="item", file=sys.stderr,
        disable=not show or total < PROGRESS_THRESHOLD, leave=False,
    )


def run_import(records, *, dry_run=False, draft=False, progress=False, user=None):
    """Import parsed records; returns an ``ImportReport`` (problems mean nothing was written)."""
    report = ImportReport(total=len(records), dry_run=dry_run, draft=draft)
    if dry_run:
        items = validate(records, ImportContext(), report, progress)
        report.problems.sort(key=lambda p: (p.line, p.field))
        if not report.problems:
            for item in items:
                if is_object(item.handler):
                    report.count(item.type, "created")
                else:
                    report.count(item.type, predicted_outcome(item, draft))
        return report
    try:
        with transaction.atomic():
            lock_imports()
            ctx = ImportContext()
            items = validate(records, ctx, report, progress)
            if report.problems:
                report.problems.sort(key=lambda p: (p.line, p.field))
                raise Invalid
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
        merged = merged_values(item, seen, ctx)
        item.merged = merged
        item.hash = record_hash(merged)

        def error(field_name, message, item=item):
            problem(item.line, field_name, message, item.id)

        try:
            item.cleaned = item.handler.clean(merged, ctx, error)
        except cells.CellError as exc:  # a value read without naming its column
            error("", str(exc))
            item.cleaned = {}
            continue
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


def resolve_translation(item, seen, ctx, problem):
    source = seen.get((item.type, item.translation_of))
    depth, current, visited = 1, source, {item.id}
    while current is not None and current.translation_of:
        if current.id in visited:
            problem(item.line, "translation_of", _("translation links go round in a circle"),
                    item.id)
            item.translation_of = ""
            return
        visited.add(current.id)
        depth += 1
        current = seen.get((item.type, current.translation_of))
    item.depth = depth
    if source is not None:
        if source.language == item.language:
            problem(item.line, "translation_of",
                    _("“%(id)s” is in the same language") % {"id": item.translation_of}, item.id)
        return
    ref = ctx.existing(item.handler).get(item.translation_of)
    if ref is None:
        problem(item.line, "translation_of", _("no %(t)s with id “%(id)s” in this file or on "
                "the site") % {"t": item.type, "id": item.translation_of}, item.id)
    elif ref.locale_id == ctx.locale_ids.get(item.language):
        problem(item.line, "translation_of",
                _("“%(id)s” is in the same language") % {"id": item.translation_of}, item.id)


def merged_values(item, seen, ctx, _depth=0):
    """The record, with empty columns taken from the item it translates."""
    data = {key: value for key, value in item.raw.items() if key in set(known_fields())}
    if not item.translation_of or _depth > 10:
        return data
    source = seen.get((item.type, item.translation_of))
    if source is not None:
        base = source.merged if source.merged is not None else merged_values(
            source, seen, ctx, _depth + 1)
    else:
        ref = ctx.existing(item.handler).get(item.translation_of)
        if ref is None:
            return data
        page = item.handler.export_queryset().get(pk=ref.pk)
        base = item.handler.export(page, ExportIds(item.handler, page))
    merged = dict(data)
    for key, value in base.items():
        if key in COMMON_FIELDS[:4]:
            continue
        if is_empty(merged.get(key)):
            merged[key] = value
    return merged


class ExportIds(dict):
    """Ids of related pages for exporting a single page (used for inherited values)."""

    def __init__(self, handler, page):
        super().__init__()
        self[page.pk] = (handler.type, page.import_id)
        from website.importing.export import page_ids

        self.update(page_ids(only=[link.target_id for link in page.related_links.all()]))


def identify(item, seen, ctx, error):
    """Find the page this record updates, or check that a new one can be made."""
    locale_id = ctx.locale_ids.get(item.language)
    ref = ctx.existing(item.handler).get(item.id)
    if ref is not None:
        if locale_id is not None and ref.locale_id != locale_id:
            error("language", _("id “%(id)s” already belongs to a page in another language") % {
                "id": item.id})
        item.existing = ref
        return
    if item.translation_of and (item.type, item.translation_of) not in seen:
        source = ctx.existing(item.handler).get(item.translation_of)
        if source is not None and locale_id is not None:
            other = ctx.translation_of(item.handler, source.translation_key, locale_id)
            if other is not None and other.import_id and other.import_id != item.id:
                error("translation_of", _("“%(src)s” already has a translation in this language "
                      "(id “%(other)s”)") % {"src": item.translation_of, "other": other.import_id})
            elif other is not None:
                item.existing = other  # adopt a translation made in the admin
                return
    if locale_id is None or ctx.index_page(item.handler, locale_id) is None:
        error("language", _("there is no %(section)s page in this language yet") % {
            "section": item.handler.index_model._meta.verbose_name})


# -- writing ---------------------------------------------------------------------------


def write(items, ctx, report, *, draft, progress, user):
    items = sorted(items, key=lambda item: item.depth)
    by_key = {(item.type, item.id): item for item in items}
    objects = [item for item in items if is_object(item.handler)]
    items = [item for item in items if not is_object(item.handler)]
    for item in objects:
        try:
            obj, created = item.handler.write_object(item.cleaned, item.id)
        except Exception as exc:
            exc.import_line = item.line
            raise
        ctx.page_ids[(item.type, item.id)] = obj.pk
        report.count(item.type, {True: "created", False: "updated", None: "unchanged"}[created])
    models = {item.handler.model for item in items}
    to_publish, created_live = [], []
    with bulk.quiet_saves(models):
        for item in progress_bar(items, len(items), _("Saving"), progress):
            try:
                save_item(item, by_key, ctx, draft)
            except Exception as exc:
                exc.import_line = item.line
                raise
            if item.page is None or item.page.pk is not None:
                ctx.page_ids[(item.type, item.id)] = (
                    item.page.pk if item.page else item.existing.pk)
            report.count(item.type, item.outcome)
            if item.outcome == "created" and not draft:
                created_live.append(item)
            elif item.outcome != "unchanged":
                to_publish.append(item)
        bulk.insert_pages(ctx.new_pages)
        for item in created_live:
            ctx.page_ids[(item.type, item.id)] = item.page.pk
        for item in created_live:
            try:
                save_new_links(item, ctx)
            except Exception as exc:
                exc.import_line = item.line
                raise
        bulk.finish([item.page for item in created_live], user=user,
                    inserted=bool(ctx.new_pages))
    for item in progress_bar(to_publish, len(to_publish), _("Publishing"), progress):
        try:
            item.handler.apply_related(item.page, item.cleaned, ctx)
            revision = item.page.save_revision(user=user, log_action=True)
            if not draft:
                revision.publish(user=user)
        except Exception as exc:
            exc.import_line = item.line
            raise


def save_new_links(item, ctx):
    """Explicit links of a page created live: written directly (the page is saved already)."""
    if not item.cleaned.get("related"):
        return
    item.handler.apply_related(item.page, item.cleaned, ctx)
    links = list(item.page.related_links.all())
    for position, link in enumerate(links):
        link.page = item.page
        link.sort_order = position
    type(links[0]).objects.bulk_create(links) if links else None


def predicted_outcome(item, draft):
    ref = item.existing
    if ref is None:
        return "created"
    if ref.import_hash == item.hash and ref.live == (not draft) and (
            draft or not ref.has_unpublished_changes):
        return "unchanged"
    return "updated"


def save_item(item, by_key, ctx, draft):
    ref, handler = item.existing, item.handler
    if ref is not None:
        if predicted_outcome(item, draft) == "unchanged":
            item.outcome = "unchanged"
            return
        page = handler.model.objects.get(pk=ref.pk)
        handler.apply(page, item.cleaned, ctx)
        page.import_id = item.id
        page.import_hash = item.hash
        item.page, item.outcome = page, "updated"
        return
    locale = ctx.locale(item.language)
    parent = ctx.index_page(handler, locale.pk)
    page = handler.new_page(item.cleaned, item.id, locale, parent, ctx)
    if item.translation_of:
        source = by_key.get((item.type, item.translation_of))
        if source is not None:
            source_page = source.page or handler.model.objects.get(pk=source.existing.pk)
        else:
            source_page = handler.model.objects.get(pk=ctx.existing(handler)[item.translation_of].pk)
        page.translation_key = source_page.translation_key
        # Translations keep their source's slug, as copy_for_translation does.
        ctx.release_slug(parent, page.slug)
        page.slug = ctx.free_slug(parent, source_page.slug)
    handler.apply(page, item.cleaned, ctx)
    page.import_id = item.id
    page.import_hash = item.hash
    if draft:
        page.live = False
    else:
        bulk.prepare_live(page, ctx.now)
    if not draft and bulk.BULK_CREATE:
        ctx.new_pages.append((page, parent))  # inserted together by ``bulk.insert_pages``
    else:
        parent.add_child(instance=page)
    item.page, item.outcome = page, "created"
