"""Writing a checked import: objects first, then pages (new live pages in bulk).

Runs inside the import's transaction (``pipeline.run_import``); any exception
carries the line of the record that raised it and rolls everything back. What
each record does was decided before (``changes.predict``): unchanged records
are not touched at all.
"""

import sys

from django.utils.translation import gettext as _
from tqdm import tqdm

from website import internals
from website.importing import bulk
from website.importing.changes import is_object
from website.importing.history import IMPORT_ACTION

PROGRESS_THRESHOLD = 200
OUTCOMES = {True: "created", False: "updated", None: "unchanged"}


def progress_bar(iterable, total, desc, show):
    return tqdm(
        iterable, total=total, desc=desc, unit="item", file=sys.stderr,
        disable=not show or total < PROGRESS_THRESHOLD, leave=False,
    )


class at_line:  # noqa: N801 - used as ``with at_line(item):``
    """Tag an exception raised while writing a record with the record's line."""

    def __init__(self, item):
        self.item = item

    def __enter__(self):
        return self

    def __exit__(self, kind, exc, traceback):
        if exc is not None and not hasattr(exc, "import_line"):
            exc.import_line = self.item.line
        return False


def write(items, ctx, report, *, draft, progress, user):
    items = sorted(items, key=lambda item: item.depth)
    by_key = {(item.type, item.id): item for item in items}
    for item in (item for item in items if is_object(item.handler)):
        with at_line(item):
            obj, created = item.handler.write_object(item.cleaned, item.id)
        ctx.page_ids[(item.type, item.id)] = obj.pk
        report.count(item.type, OUTCOMES[created])
    items = [item for item in items if not is_object(item.handler)]
    to_publish, created_live = [], []
    with internals.quiet_saves({item.handler.model for item in items}):
        for item in progress_bar(items, len(items), _("Saving"), progress):
            with at_line(item):
                save_item(item, by_key, ctx, draft, user)
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
            with at_line(item):
                save_new_links(item, ctx)
        bulk.finish([item.page for item in created_live], user, ctx.now)
    for item in progress_bar(to_publish, len(to_publish), _("Publishing"), progress):
        with at_line(item):
            item.handler.apply_related(item.page, item.cleaned, ctx)
            revision = item.page.save_revision(user=user, log_action=IMPORT_ACTION)
            if not draft:
                revision.publish(user=user)


def save_new_links(item, ctx):
    """Explicit links of a page created live: written directly (the page is saved already)."""
    if not item.cleaned.get("related"):
        return
    item.handler.apply_related(item.page, item.cleaned, ctx)
    links = list(item.page.related_links.all())
    for position, link in enumerate(links):
        link.page = item.page
        link.sort_order = position
    if links:
        type(links[0]).objects.bulk_create(links)


def save_item(item, by_key, ctx, draft, user):
    """Apply a record to its page in memory; new live pages wait for the bulk insert."""
    ref, handler = item.existing, item.handler
    if item.predicted == "unchanged":
        item.outcome = "unchanged"
        return
    if ref is not None:
        page = handler.model.objects.get(pk=ref.pk)
        handler.apply(page, item.cleaned, ctx)
        page.import_id = item.id
        page.import_hash = item.hash
        item.page, item.outcome = page, "updated"
        return
    locale = ctx.locale(item.language)
    parent = ctx.index_page(handler, locale.pk)
    page = handler.new_page(item.cleaned, item.id, locale, parent, ctx)
    page.owner = user  # as the admin's create view sets it
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
        parent.add_child(instance=page)
    else:
        bulk.prepare_live(page, ctx.now)
        ctx.new_pages.append((page, parent))  # inserted together by ``bulk.insert_pages``
    item.page, item.outcome = page, "created"
