"""The Python API of search, used by the views, the JSON API and the section pages.

- ``search(query, ui_language=None, **filters)`` -> ``SearchResponse``
- ``suggest(prefix, language=None, limit=8)`` -> ``[{"title", "url", "kind"}]``
- ``related(obj_or_doc_id, limit=6)`` -> ``[Hit]``, "more like this" across kinds
- ``page_ids(text, model=None, locale=None, **filters)`` -> object pks, best first

Nothing here raises for bad text; when the engine fails the answer comes from
the database fallback with ``limited=True``.
"""

import logging
import time

from django.utils import timezone, translation

from search import registry
from search.engines import get_engine
from search.fallback import fallback_search
from search.query import FACETS, FacetValue, SearchQuery

logger = logging.getLogger(__name__)
RETRY_OUTBOX_EVERY = 30.0
_last_outbox_check = [0.0]


def _as_query(query, filters):
    if isinstance(query, SearchQuery):
        return query
    return SearchQuery(
        text=query or "",
        filters={k: tuple(v) if isinstance(v, list | tuple) else (v,) for k, v in filters.items()},
    )


def search(query="", ui_language=None, **filters):
    """Answer a query; facet labels are in ``ui_language`` (default: the active language).

    ``query`` is a ``SearchQuery`` or text; with text, keyword arguments are filters
    (``kind=["case-study"], language="en"``).
    """
    query = _as_query(query, filters)
    language = ui_language or translation.get_language() or "bg"
    _retry_outbox_now_and_then()
    engine = get_engine()
    response = None
    if engine.healthy():
        try:
            response = engine.search(query)
        except Exception:  # noqa: BLE001 - an engine failure is never a 500
            logger.exception("search: engine %s failed, using the database fallback", engine.name)
    if response is None:
        response = fallback_search(query)
    _label_facets(response, language)
    if response.total == 0 and not query.parsed.empty:
        response.notes.append("No results. Try fewer words, another spelling or fewer filters.")
    return response


def _label_facets(response, language):
    for facet in FACETS:
        values = list(response.facets.get(facet, []))
        present = {v.value for v in values}
        for selected in response.query.filters.get(facet, ()):
            if selected not in present:
                # A selected value with no matches stays visible so it can be unticked.
                values.append(FacetValue(selected, 0))
        labels = registry.facet_labels(facet, [v.value for v in values], language)
        for value in values:
            value.label = labels.get(value.value) or value.value
            value.selected = value.value in response.query.filters.get(facet, ())
        if facet == "year":
            values.sort(key=lambda v: v.value, reverse=True)
        response.facets[facet] = values


def suggest(prefix, language=None, limit=8):
    prefix = (prefix or "")[:100]
    engine = get_engine()
    try:
        if engine.healthy():
            return engine.suggest(prefix, language=language, limit=min(limit, 8))
    except Exception:  # noqa: BLE001
        logger.exception("search: suggest failed")
    return []


def related(obj_or_doc_id, limit=6):
    """Documents like this one, of any kind, in the same language."""
    if isinstance(obj_or_doc_id, str):
        doc_id = obj_or_doc_id
    else:
        source = registry.source_for(obj_or_doc_id)
        if source is None:
            return []
        doc_id = source.document_id(obj_or_doc_id)
    try:
        return get_engine().related(doc_id, limit=limit)
    except Exception:  # noqa: BLE001 - related content is optional on a detail page
        logger.exception("search: related failed for %s", doc_id)
        return []


def page_ids(text, model=None, locale=None, limit=1000, **filters):
    """Primary keys of matching objects (for a section page's own queryset); None if unknown."""
    if model is not None:
        kinds = [
            s.kind
            for s in registry.get_sources()
            if issubclass(s.model, model) or issubclass(model, s.model)
        ]
        if not kinds:
            return None
        filters["kind"] = kinds
    if locale is not None:
        filters["language"] = [getattr(locale, "language_code", locale)]
    query = _as_query(text, filters)
    query.facets = False
    return [
        int(pk) if pk.isdigit() else pk for _id, pk in get_engine().search_ids(query, limit) if pk
    ]


def _retry_outbox_now_and_then():
    """With no worker running (development), failed index updates are retried from here."""
    now = time.monotonic()
    if now - _last_outbox_check[0] < RETRY_OUTBOX_EVERY:
        return
    _last_outbox_check[0] = now
    from search.sync import due_entries, schedule

    try:
        if due_entries(timezone.now()).exists():
            schedule()
    except Exception:  # noqa: BLE001
        logger.exception("search: outbox check failed")
