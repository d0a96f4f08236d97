"""Import ids: one spelling per id, stored and compared the same way everywhere.

Spreadsheets and editors write the same id as "CS-001", "cs-001 " or with a
letter composed (NFC) or decomposed (NFD). Every id is therefore normalised
(NFC, case-folded, trimmed) before it is stored on a page or member and before
it is compared (``id``, ``translation_of``, ``related`` and ``members``
references). The models store only normalised ids and a unique constraint per
type holds them; ``normalise_stored_ids`` brings older rows there in a migration.
"""

import unicodedata


def normalise_id(value):
    """The id as stored and compared: NFC, case-folded, without surrounding spaces."""
    if value is None:
        return None
    folded = unicodedata.normalize("NFC", str(value)).casefold()
    return unicodedata.normalize("NFC", folded).strip()


def normalise_stored_ids(model, field="import_id", empty=""):
    """Normalise a (historical) model's stored ids; later duplicates get a marked id.

    For each normalised id the first row (live pages first, then the oldest)
    keeps it; the others become "<id>-duplicate-<pk>" so that nothing is lost
    and an editor can find them. Rows are first moved to a temporary id, so the
    existing unique index never sees two equal values in between.
    """
    max_length = model._meta.get_field(field).max_length
    ordering = ["-live", "pk"] if any(f.name == "live" for f in model._meta.fields) else ["pk"]
    rows = model._base_manager.exclude(**{field: empty}).exclude(**{f"{field}__isnull": True})
    wanted, taken = {}, set()
    for pk, value in rows.order_by(*ordering).values_list("pk", field):
        new = normalise_id(value)
        if not new:
            new = empty
        else:
            while new in taken:
                suffix = f"-duplicate-{pk}"
                new = new[: max_length - len(suffix)] + suffix
            taken.add(new)
        if new != value:
            wanted[pk] = new
    for pk in wanted:
        model._base_manager.filter(pk=pk).update(**{field: f"~{pk}"})
    for pk, new in wanted.items():
        model._base_manager.filter(pk=pk).update(**{field: new})
    return len(wanted)
