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
from django.db.models.signals import post_save
from django.utils import timezone
from modelsearch.signal_handlers import post_save_signal_handler
from wagtail.models import Page, ReferenceIndex, Revision
from wagtail.search.backends import get_search_backends
from wagtail.signal_handlers import disable_reference_index_auto_update

BATCH = 500


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


def finish(pages, user=None):
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
    for page in pages:
        ReferenceIndex.create_or_update_for_object(page)
    announce(pages)


def announce(pages):
    """Tell the site search (if installed) and the curated caches about the new pages."""
    try:
        from search.sync import objects_changed
    except ImportError:
        objects_changed = None
    if objects_changed is not None:
        objects_changed(pages)
    from casestudies.related import bump_content_version

    bump_content_version()
