"""Translation links in an import: which record a translation belongs to, what it
inherits, and which page on the site a record stands for.

A translation (``translation_of``) names its source by id, in the file or on the
site; its empty columns take the source's values (``inherit``), so a file need
only give what the translation changes.
"""

from django.utils.translation import gettext as _

from website.importing.registry import COMMON_FIELDS, known_fields

# Never inherited: what makes a record itself.
OWN_FIELDS = set(COMMON_FIELDS[:4])


def is_empty(value):
    return value is None or value == "" or value == []


def inherit(data, base):
    """``data`` with its empty columns taken from ``base`` (a source's values), if any."""
    if not base:
        return dict(data)
    merged = dict(data)
    for key, value in base.items():
        if key not in OWN_FIELDS and is_empty(merged.get(key)):
            merged[key] = value
    return merged


def resolve_translation(item, seen, ctx, problem):
    """Check a translation link (a source in another language, no circles) and set its depth."""
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


def merge_source(item, seen, ctx, _depth=0):
    """Set ``item.base`` (what it inherits) and ``item.merged`` (the record with it)."""
    if item.merged is not None:
        return item.merged
    fields = set(known_fields())
    data = {key: value for key, value in item.raw.items() if key in fields}
    item.base = None
    if item.translation_of and _depth <= 10:
        source = seen.get((item.type, item.translation_of))
        if source is not None:
            item.base = merge_source(source, seen, ctx, _depth + 1)
        else:
            ref = ctx.existing(item.handler).get(item.translation_of)
            if ref is not None:
                page = item.handler.export_queryset().get(pk=ref.pk)
                item.base = item.handler.export(page, ctx.export_ids(item.handler, page))
    item.merged = inherit(data, item.base)
    return item.merged


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
