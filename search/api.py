"""The Python API of search, used by the views, the JSON API and the section pages.

- ``search(query, ui_language=None, **filters)`` -> ``SearchResponse``
- ``suggest(prefix, language=None, limit=8)`` -> ``[{"title", "url", "kind"}]``
- ``related(obj_or_doc_id, limit=6)`` -> ``[Hit]``, "more like this" across kinds
- ``page_ids(text, model=None, locale=None, **filters)`` -> object pks, best first,
  or None when the engine cannot answer (the caller searches its own table)

Nothing here raises for bad text. Every call goes through the process's
circuit breaker (``search.engines.breaker``): when the engine fails, or was
skipped after a recent failure, ``search`` answers from the database fallback
with ``limited=True``, ``page_ids`` says None, ``suggest`` and ``related``
give nothing, all at once rather than after a timeout. Documents whose removal
the engine has not confirmed yet (``search.sync``) are left out of search
results, suggestions and related content (``page_ids`` callers filter their
own table, where those objects are gone already).
"""

import logging

from django.utils import translation
from django.utils.translation import gettext as _

from search import registry
from search.engines import EngineError, RequestRejected, get_engine
from search.fallback import fallback_search
from search.query import FACETS, FacetValue, SearchQuery
from search.sync import pending_deletions
from search.synonyms import groups_for

logger = logging.getLogger(__name__)


def _as_query(query, filters):
    if isinstance(query, SearchQuery):
        return query
    return SearchQuery(
        text=query or "",
        filters={k: tuple(v) if isinstance(v, list | tuple) else (v,) for k, v in filters.items()},
    )


def _with_synonyms(query, language):
    """The editors' synonym groups of the query's languages: the page's, and any it filters on.

    Read for each search, so an edited group counts from the next one (``search.synonyms``).
    """
    if query.text and not query.synonyms:
        languages = {language or translation.get_language() or "bg",
                     *query.filters.get("language", ())}
        query.synonyms = groups_for(languages)
    return query


def search(query="", ui_language=None, **filters):
    """Answer a query; facet labels are in ``ui_language`` (default: the active language).

    ``query`` is a ``SearchQuery`` or text; with text, keyword arguments are filters
    (``kind=["case_study"], language="en"``).
    """
    query = _as_query(query, filters)
    language = ui_language or translation.get_language() or "bg"
    query = _with_synonyms(query, language)
    response = _ask("search", query)
    if response is None:
        response = fallback_search(query)
    else:
        hidden = _removed(hit.id for hit in response.results)
        if hidden:
            response.results = [hit for hit in response.results if hit.id not in hidden]
            response.total = max(response.total - len(hidden), len(response.results))
    _label_facets(response, language)
    if response.total == 0 and not query.parsed.empty:
        response.notes.append(_("No results. Try fewer words, another spelling or fewer filters."))
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


def _ask(method, *args, **kwargs):
    """The engine's answer through the breaker, or None when it failed or was skipped."""
    engine = get_engine()
    try:
        return engine.breaker.call(getattr(engine, method), *args, **kwargs)
    except RequestRejected as exc:  # the engine is up but refused what we sent: a bug to see
        logger.warning("search: %s", exc)
    except EngineError:  # down or skipped: the breaker logged the outage once
        pass
    except Exception:  # noqa: BLE001 - an engine failure is never a 500
        logger.exception("search: %s failed on the %s engine", method, engine.name)
    return None


def _removed(doc_ids):
    """Those of ``doc_ids`` whose removal from the index is still waiting to be confirmed."""
    doc_ids = list(doc_ids)
    if not doc_ids:
        return set()
    return set(pending_deletions(doc_ids).values_list("doc_id", flat=True))


def suggest(prefix, language=None, limit=8):
    prefix = (prefix or "")[:100]
    found = _ask("suggest", prefix, language=language, limit=min(limit, 8)) or []
    hidden = _removed(item["id"] for item in found)
    return [
        {key: item[key] for key in ("title", "url", "kind")}
        for item in found
        if item["id"] not in hidden
    ]


def related(obj_or_doc_id, limit=6):
    """Documents like this one, of any kind, in the same language."""
    if isinstance(obj_or_doc_id, str):
        doc_id = obj_or_doc_id
    else:
        source = registry.source_for(obj_or_doc_id)
        if source is None:
            return []
        doc_id = source.document_id(obj_or_doc_id)
    # Related content is optional on a detail page: nothing when the engine cannot answer.
    hits = _ask("related", doc_id, limit=limit) or []
    hidden = _removed(hit.id for hit in hits)
    return [hit for hit in hits if hit.id not in hidden]


def page_ids(text, model=None, locale=None, limit=1000, **filters):
    """Primary keys of matching objects (for a section page's own queryset), best first.

    None when the engine cannot answer now: the caller then searches its own
    table in the database and says that search is limited. A model no source
    indexes is a programming error (``LookupError``).
    """
    if model is not None:
        kinds = [
            kind
            for s in registry.get_sources()
            if issubclass(s.model, model) or issubclass(model, s.model)
            for kind in s.kind_labels()
        ]
        if not kinds:
            raise LookupError(f"No search source indexes {model.__name__}.")
        shared = {
            kind
            for s in registry.get_sources()
            if not (issubclass(s.model, model) or issubclass(model, s.model))
            for kind in s.kind_labels()
        } & set(kinds)
        if shared:
            # Hits carry object pks, which would mix two tables (event pages, members' events).
            raise LookupError(f"{model.__name__} shares the kinds {sorted(shared)} with another model.")
        filters["kind"] = kinds
    if locale is not None:
        filters["language"] = [getattr(locale, "language_code", locale)]
    query = _with_synonyms(_as_query(text, filters), None)
    query.facets = False
    found = _ask("search_ids", query, limit)
    if found is None:
        return None
    return [int(pk) if pk.isdigit() else pk for _id, pk in found if pk]
