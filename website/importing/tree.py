"""What the bulk page insert needs below the public APIs, kept in this one module.

``parent.add_child(instance=page)`` costs several queries per page, so the bulk
path (``website.importing.bulk``) computes the tree fields itself and writes the
rows in batches. Two things make that possible:

- treebeard's materialised paths: a child's path is its parent's plus one step of
  ``steplen`` characters from ``alphabet`` (both documented ``MP_Node``
  settings), the step after its last sibling's. ``child_paths`` does that
  arithmetic with those two settings only, not treebeard's private helpers.
- Django's ``Manager._insert`` (private), which writes one table of a
  multi-table-inherited model: ``bulk_create`` refuses such models, and every
  Wagtail page type is one.

``tests/importing/test_tree.py`` pins both against the public paths (the paths
``add_child`` gives, the rows ``save()`` writes), so that a Wagtail, treebeard or
Django upgrade that changes them fails a test instead of corrupting the tree.
"""

from treebeard.exceptions import PathOverflow
from wagtail.models import Page


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
