"""The fast path for new, published pages in a large import.

A page published the usual way is saved three times (created, revision,
publish), and every save re-indexes it in Wagtail's search index and its
reference index, one task at a time. For new pages the importer instead
creates the page already live, then writes all revisions in bulk, re-indexes
once per model and tells the site search and the caches once at the end.
Updates and drafts take the ordinary path.
"""

from contextlib import contextmanager

from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.db.models import F
from django.db.models.signals import post_save
from django.utils import timezone
from modelcluster.models import get_all_child_m2m_relations, get_all_child_relations
from modelsearch.signal_handlers import post_save_signal_handler
from treebeard.exceptions import PathOverflow
from wagtail.models import Page, ReferenceIndex, Revision
from wagtail.search.backends import get_search_backends
from wagtail.signal_handlers import disable_reference_index_auto_update

from search.sync import objects_changed
from website.curated.related import bump_content_version

BATCH = 500
INSERT_BATCH = 100
# New live pages are inserted in bulk (paths computed here, rows written in batches)
# rather than one ``parent.add_child`` at a time. Off: the ordinary treebeard path.
BULK_CREATE = True


@contextmanager
def quiet_saves(models):
    """No per-save search or reference-index work for these models (done in bulk after)."""
    disconnected = [m for m in models if post_save.disconnect(post_save_signal_handler, sender=m)]
    try:
        with disable_reference_index_auto_update():
            yield
    finally:
        for model in disconnected:
            post_save.connect(post_save_signal_handler, sender=model)


def prepare_live(page, now):
    page.live = True
    page.has_unpublished_changes = False
    page.first_published_at = page.first_published_at or now
    page.last_published_at = now
    page.draft_title = page.title


def chunks(items, size):
    for start in range(0, len(items), size):
        yield items[start:start + size]


def assign_paths(entries):
    """Tree fields for new pages as ``parent.add_child`` sets them, for (page, parent) pairs.

    Children go after the parent's last child, in order (treebeard's steplen and
    alphabet); ``url_path`` is the parent's plus the slug, as ``Page.set_url_path``.
    Each parent's ``numchild`` is raised once.
    """
    by_parent = {}
    for page, parent in entries:
        by_parent.setdefault(parent.pk, (parent, []))[1].append(page)
    for parent, pages in by_parent.values():
        depth = parent.depth + 1
        last = (
            Page.objects.filter(path__startswith=parent.path, depth=depth)
            .order_by("-path").values_list("path", flat=True).first()
        )
        position = Page._str2int(last[-Page.steplen:]) if last else 0
        for page in pages:
            position += 1
            if len(Page._int2str(position)) > Page.steplen:
                raise PathOverflow(f"Path overflow under {parent.path}")
            page.depth = depth
            page.path = Page._get_path(parent.path, depth, position)
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
    for chunk in chunks(pages, INSERT_BATCH):
        Page.objects.bulk_create(chunk)
    by_model = {}
    for page in pages:
        by_model.setdefault(type(page), []).append(page)
    for model, objects in by_model.items():
        ancestors = [m for m in reversed(model._meta.get_parent_list()) if m is not Page]
        for concrete in ancestors + [model]:
            meta = concrete._meta
            links = list(meta.parents.values())
            for obj in objects:
                for link in links:
                    setattr(obj, link.attname, obj.id)
            for chunk in chunks(objects, INSERT_BATCH):
                concrete._base_manager._insert(chunk, fields=meta.local_concrete_fields)
            for obj in objects:
                obj._state.adding = False
    children, through_rows, lists = {}, {}, []
    for page in pages:
        pending = getattr(page, "_cluster_related_objects", {})
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
        for chunk in chunks(objects, INSERT_BATCH):
            model.objects.bulk_create(chunk)
        # As read back from the database (what a committed relation serialises:
        # decimals with their places and the like).
        stored[model] = model._base_manager.in_bulk([obj.pk for obj in objects])
    for items, model in lists:
        items[:] = [stored[model][item.pk] for item in items]
    for model, objects in through_rows.items():
        for chunk in chunks(objects, INSERT_BATCH):
            model.objects.bulk_create(chunk)


def commit_relations(pages):
    """Switch the pages' cluster relations back to the database, as ``save()`` does."""
    for page in pages:
        pending = getattr(page, "_cluster_related_objects", None)
        if pending:
            pending.clear()


def index_references(pages):
    """``ReferenceIndex.create_or_update_for_object`` for new pages, in one insert."""
    rows = []
    for page in pages:
        references = set(ReferenceIndex._extract_references_from_object(page))
        if not references:
            continue
        content_types = [
            ContentType.objects.get_for_model(model_or_object, for_concrete_model=False)
            for model_or_object in ([page] + page._meta.get_parent_list())
        ]
        for to_content_type_id, to_object_id, model_path, content_path in references:
            rows.append(ReferenceIndex(
                content_type=content_types[0],
                base_content_type=content_types[-1],
                object_id=page.pk,
                to_content_type_id=to_content_type_id,
                to_object_id=to_object_id,
                model_path=model_path,
                content_path=content_path,
                content_path_hash=ReferenceIndex._get_content_path_hash(content_path),
            ))
    kwargs = {"ignore_conflicts": True} if connection.features.supports_ignore_conflicts else {}
    for chunk in chunks(rows, BATCH):
        ReferenceIndex.objects.bulk_create(chunk, **kwargs)


def finish(pages, user=None, inserted=False):
    """Revisions, search and reference indexes for pages created live by ``prepare_live``."""
    if not pages:
        return
    now = timezone.now()
    base_type = ContentType.objects.get_for_model(Page)
    for start in range(0, len(pages), BATCH):
        chunk = pages[start:start + BATCH]
        revisions = Revision.objects.bulk_create([
            Revision(
                content_type=ContentType.objects.get_for_model(type(page)),
                base_content_type=base_type,
                object_id=str(page.pk),
                object_str=page.title[:255],
                content=page.serializable_data(),
                created_at=now,
                user=user,
            )
            for page in chunk
        ])
        for page, revision in zip(chunk, revisions, strict=True):
            page.latest_revision_id = revision.pk
            page.live_revision_id = revision.pk
        Page.objects.bulk_update(chunk, ["latest_revision", "live_revision"])
    by_model = {}
    for page in pages:
        by_model.setdefault(type(page), []).append(page)
    for backend in get_search_backends(with_auto_update=True):
        for model, objects in by_model.items():
            backend.add_bulk(model, objects)
    if inserted:
        index_references(pages)
        commit_relations(pages)
    else:
        for page in pages:
            ReferenceIndex.create_or_update_for_object(page)
    announce(pages)


def announce(pages):
    """Tell the site search and the curated caches about the new pages."""
    objects_changed(pages)
    bump_content_version()
