"""Signals that record index changes in the outbox (connected in SearchConfig.ready()).

Pages: publish, unpublish, move, delete and privacy changes (never plain save,
so drafts stay out). Plain models whose source has ``auto_sync``: every save
and delete; the worker decides from ``get_queryset()`` whether they are shown.
"""

from django.db.models.signals import post_delete, post_save, pre_delete
from wagtail.models import Page, PageViewRestriction
from wagtail.signals import page_published, page_unpublished, post_page_move

from search import registry, sync


def _page_and_descendants(page):
    pages = Page.objects.descendant_of(page, inclusive=True).specific(defer=True)
    for each in pages.iterator():
        sync.object_changed(each)


def on_page_published(sender, instance, **kwargs):
    sync.object_changed(instance)


def on_page_unpublished(sender, instance, **kwargs):
    sync.object_changed(instance)


def on_page_moved(sender, instance, **kwargs):
    # URLs change below the moved page, and so may privacy (a new private parent).
    _page_and_descendants(instance)


def on_page_deleted(sender, instance, **kwargs):
    # pre_delete: the specific fields (import ids) are still readable here.
    if isinstance(instance, Page):
        specific = instance.specific_deferred if type(instance) is Page else instance
        sync.object_changed(specific)


def on_restriction_changed(sender, instance, **kwargs):
    try:
        page = instance.page
    except Page.DoesNotExist:
        return
    _page_and_descendants(page)


def on_object_saved(sender, instance, **kwargs):
    source = registry.source_for(instance)
    if source is not None and source.auto_sync:
        sync.object_changed(instance)


def on_object_deleted(sender, instance, **kwargs):
    source = registry.source_for(instance)
    if source is not None and source.auto_sync:
        sync.object_removed(instance)


def register_signal_handlers():
    page_published.connect(on_page_published, dispatch_uid="search-page-published")
    page_unpublished.connect(on_page_unpublished, dispatch_uid="search-page-unpublished")
    post_page_move.connect(on_page_moved, dispatch_uid="search-page-moved")
    pre_delete.connect(on_page_deleted, dispatch_uid="search-page-deleted")
    post_save.connect(
        on_restriction_changed, sender=PageViewRestriction, dispatch_uid="search-restriction-saved"
    )
    post_delete.connect(
        on_restriction_changed,
        sender=PageViewRestriction,
        dispatch_uid="search-restriction-deleted",
    )
    for source in registry.get_sources():
        if source.auto_sync and not issubclass(source.model, Page):
            post_save.connect(
                on_object_saved, sender=source.model, dispatch_uid=f"search-saved-{source.key}"
            )
            pre_delete.connect(
                on_object_deleted, sender=source.model, dispatch_uid=f"search-deleted-{source.key}"
            )
