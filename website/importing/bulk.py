"""The fast path for new, published pages in a large import.

A page published the usual way is saved three times (created, revision,
publish), and every save re-indexes it in Wagtail's search index and its
reference index, one task at a time. For new pages the importer instead
creates the page already live, inserts the rows in batches (the tree fields
computed, and the tables written, through ``website.internals``, the one module
that relies on framework internals), writes all revisions and history entries in bulk, and re-indexes
Wagtail's search once per model; then it sends the publish signals page by page,
as an editor's publish does (``website.importing.history``). Updates and drafts
take the ordinary path.
"""

from django.contrib.contenttypes.models import ContentType
from django.db.models import F
from modelcluster.models import get_all_child_m2m_relations, get_all_child_relations
from wagtail.models import Page, ReferenceIndex, Revision
from wagtail.search.backends import get_search_backends

from website import internals
from website.importing import history

BATCH = 500
INSERT_BATCH = 100


def prepare_live(page, now):
    page.live = True
    page.has_unpublished_changes = False
    page.first_published_at = page.first_published_at or now
    page.last_published_at = now
    page.latest_revision_created_at = now
    page.draft_title = page.title


def chunks(items, size):
    for start in range(0, len(items), size):
        yield items[start:start + size]


def assign_paths(entries):
    """Tree fields for new pages as ``parent.add_child`` sets them, for (page, parent) pairs.

    Children go after the parent's last child, in order; ``url_path`` is the
    parent's plus the slug, as ``Page.set_url_path``. Each parent's ``numchild``
    is raised once.
    """
    by_parent = {}
    for page, parent in entries:
        by_parent.setdefault(parent.pk, (parent, []))[1].append(page)
    for parent, pages in by_parent.values():
        for page, path in zip(pages, internals.child_paths(parent, len(pages)), strict=True):
            page.depth = parent.depth + 1
            page.path = path
            page.numchild = 0
            page.url_path = parent.url_path + page.slug + "/"
            page.draft_title = page.draft_title or page.title
        Page.objects.filter(path=parent.path).update(numchild=F("numchild") + len(pages))
        parent.numchild += len(pages)


def insert_pages(entries):
    """Insert new pages (with their tree fields, child objects and M2M rows) in batches.

    What ``parent.add_child(instance=page)`` writes, without its per-page queries:
    the ``Page`` rows (``bulk_create``), then each concrete subclass's own columns,
    then the cluster's child objects and ``ParentalManyToManyField`` rows. The
    in-memory relations stay as they are, so revisions serialise without queries.
    """
    if not entries:
        return
    assign_paths(entries)
    pages = [page for page, _parent in entries]
    Page.objects.bulk_create(pages, batch_size=INSERT_BATCH)
    by_model = {}
    for page in pages:
        by_model.setdefault(type(page), []).append(page)
    for model, objects in by_model.items():
        ancestors = [m for m in reversed(model._meta.get_parent_list()) if m is not Page]
        for concrete in ancestors + [model]:
            links = list(concrete._meta.parents.values())
            for obj in objects:
                for link in links:
                    setattr(obj, link.attname, obj.id)
            internals.insert_table(concrete, objects, INSERT_BATCH)
        for obj in objects:
            obj._state.adding = False
    insert_children(pages)


def insert_children(pages):
    """The cluster's child objects and M2M rows of new pages, in batches."""
    children, through_rows, lists = {}, {}, []
    for page in pages:
        pending = internals.pending_relations(page)
        for relation in get_all_child_relations(page):
            items = pending.get(relation.get_accessor_name())
            if items:
                lists.append((items, relation.related_model))
            for item in items or []:
                setattr(item, relation.field.name, page)
                children.setdefault(relation.related_model, []).append(item)
        for m2m in get_all_child_m2m_relations(page):
            through = m2m.remote_field.through
            source, target = m2m.m2m_field_name(), m2m.m2m_reverse_field_name()
            for item in pending.get(m2m.name) or []:
                through_rows.setdefault(through, []).append(
                    through(**{f"{source}_id": page.pk, f"{target}_id": item.pk}))
    stored = {}
    for model, objects in children.items():
        model.objects.bulk_create(objects, batch_size=INSERT_BATCH)
        # As read back from the database (what a committed relation serialises:
        # decimals with their places and the like).
        stored[model] = model._base_manager.in_bulk([obj.pk for obj in objects])
    for items, model in lists:
        items[:] = [stored[model][item.pk] for item in items]
    for model, objects in through_rows.items():
        model.objects.bulk_create(objects, batch_size=INSERT_BATCH)


def finish(pages, user, now):
    """Revisions, history, search and reference indexes, then the publish signals,
    for pages inserted live by ``insert_pages``."""
    if not pages:
        return
    base_type = ContentType.objects.get_for_model(Page)
    revisions = []
    for chunk in chunks(pages, BATCH):
        created = Revision.objects.bulk_create([
            Revision(
                content_type=ContentType.objects.get_for_model(type(page)),
                base_content_type=base_type,
                object_id=str(page.pk),
                object_str=str(page)[:255],
                content=page.serializable_data(),
                created_at=now,
                user=user,
            )
            for page in chunk
        ])
        for page, revision in zip(chunk, created, strict=True):
            page.latest_revision = revision
            page.live_revision = revision
        Page.objects.bulk_update(chunk, ["latest_revision", "live_revision"])
        revisions += created
    history.log_created_live(pages, revisions, user, now, BATCH)
    by_model = {}
    for page in pages:
        by_model.setdefault(type(page), []).append(page)
    for backend in get_search_backends(with_auto_update=True):
        for model, objects in by_model.items():
            backend.add_bulk(model, objects)
    for page in pages:
        ReferenceIndex.create_or_update_for_object(page)
    for page in pages:  # their relations read from the database again, as after save()
        internals.forget_pending(page)
    history.send_published(pages, revisions)
