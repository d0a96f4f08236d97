"""The handlers that know how to import and export each record ``type``.

A content app registers a handler instance in its ``AppConfig.ready()``::

    from website.importing.registry import register_handler
    register_handler(CaseStudyHandler())

A handler has a ``type`` (the record's ``type`` value), ``fields`` (the column
names it reads besides the common ones), and implements ``validate``,
``write``, ``link`` and ``export`` (see ``website.importing.pages.PageHandler``
for the page-based implementation).
"""

_HANDLERS = {}

COMMON_FIELDS = [
    "type",
    "id",
    "language",
    "translation_of",
    "title",
    "summary",
    "body",
    "themes",
    "pillars",
    "regions",
    "countries",
    "tags",
    "published",
    "url",
]


def register_handler(handler):
    _HANDLERS[handler.type] = handler


def get_handler(record_type):
    return _HANDLERS.get(record_type)


def handlers():
    return list(_HANDLERS.values())


def known_types():
    return list(_HANDLERS)


def known_fields():
    fields = list(COMMON_FIELDS)
    for handler in _HANDLERS.values():
        for name in handler.fields:
            if name not in fields:
                fields.append(name)
    return fields


def list_fields():
    names = set()
    for handler in _HANDLERS.values():
        names.update(handler.list_fields)
    return names
