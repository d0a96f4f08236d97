"""Every framework internal the project relies on, kept in this one module.

Everywhere else the project uses public APIs. Where speed needs more than
Wagtail, treebeard, modelcluster, modelsearch or Django make public, the use
is here, and ``tests/website/test_internals.py`` pins each behaviour relied on
against the public result (the paths ``add_child`` gives, the rows ``save()``
writes, the site ``Site.find_for_request`` finds), so that an upgrade that
changes one fails a test instead of corrupting the page tree or serving the
wrong site.

- Page paths (``child_paths``): a treebeard child's path is its parent's plus
  one step of ``steplen`` characters from ``alphabet`` (both documented
  ``MP_Node`` settings), the step after its last sibling's.
- ``insert_table``: Django's ``Manager._insert`` writes one table of a
  multi-table-inherited model; ``bulk_create`` refuses such models, and every
  Wagtail page type is one.
- ``pending_relations`` / ``forget_pending``: modelcluster keeps a page's
  child objects and M2M values in ``_cluster_related_objects`` until ``save()``
  writes them and empties it.
- ``quiet_saves``: the search index updates on save through modelsearch's
  ``post_save_signal_handler``; Wagtail's reference index through handlers
  that ``disable_reference_index_auto_update`` turns off.
- ``remember_site``: ``Site.find_for_request`` keeps its answer on
  ``request._wagtail_site`` and looks no further when it is there.
"""

from contextlib import contextmanager

from django.db.models.signals import post_save
from modelsearch.signal_handlers import post_save_signal_handler
from treebeard.exceptions import PathOverflow
from wagtail.models import Page
from wagtail.signal_handlers import disable_reference_index_auto_update


def encode_step(number):
    """``number`` as one path step: ``steplen`` digits of ``alphabet``, zero-padded."""
    alphabet, base = Page.alphabet, len(Page.alphabet)
    digits = ""
    while number:
        number, digit = divmod(number, base)
        digits = alphabet[digit] + digits
    if len(digits) > Page.steplen:
        raise PathOverflow(f"more than {base ** Page.steplen - 1} children under one page")
    return digits.rjust(Page.steplen, alphabet[0])


def decode_step(step):
    base = len(Page.alphabet)
    number = 0
    for char in step:
        number = number * base + Page.alphabet.index(char)
    return number


def child_paths(parent, count):
    """The paths ``add_child`` would give the next ``count`` children of ``parent``."""
    last = (
        Page.objects.filter(path__startswith=parent.path, depth=parent.depth + 1)
        .order_by("-path").values_list("path", flat=True).first()
    )
    position = decode_step(last[-Page.steplen:]) if last else 0
    return [parent.path + encode_step(position + offset) for offset in range(1, count + 1)]


def insert_table(model, objects, batch_size):
    """Insert the rows of ``model``'s own table (its local columns) for ``objects``.

    The objects' parent tables must be written already and their link fields
    (``page_ptr_id`` and the like) set; ``Page`` itself goes through ``bulk_create``.
    """
    fields = model._meta.local_concrete_fields
    for start in range(0, len(objects), batch_size):
        model._base_manager._insert(objects[start:start + batch_size], fields=fields)


def pending_relations(instance):
    """What was assigned to ``instance``'s cluster relations and not saved yet, by name.

    The lists are modelcluster's own: replacing an item in one changes what the
    relation gives back until ``forget_pending``.
    """
    return getattr(instance, "_cluster_related_objects", {})


def forget_pending(instance):
    """Read the cluster relations from the database again, as after ``save()``."""
    pending = getattr(instance, "_cluster_related_objects", None)
    if pending:
        pending.clear()


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


def remember_site(request, site):
    """Let ``Site.find_for_request(request)`` answer ``site`` without a query."""
    request._wagtail_site = site
