"""When the configured engine cannot answer: Wagtail's database search over the sources.

Fewer features (no typo tolerance, no "did you mean", plain snippets, at most
``PER_SOURCE`` text matches per kind), but never an error page. Within those
matches, filters and facets behave as in the engines: OR inside a facet, AND
across facets, and each facet's counts ignore that facet's own selection (so a
ticked value can be joined by its neighbours). That is why no filter is pushed
into the database queries: the counts of the other kinds and languages need
the documents the filter would leave out. The response says ``limited=True``
and the page shows "search is temporarily limited".
"""

import logging
from collections import Counter

from wagtail.search.backends import get_search_backend
from wagtail.search.index import Indexed

from search.highlight import Matcher, highlight
from search.query import FACET_FIELDS, FACET_SIZE, FILTER_FIELDS, FacetValue, Hit, SearchResponse
from search.registry import get_sources

logger = logging.getLogger(__name__)
PER_SOURCE = 200


def fallback_search(query):
    """A limited answer from the database; on any error, an empty limited answer."""
    try:
        return _search(query)
    except Exception:  # noqa: BLE001 - the fallback is the last resort: never a 500
        logger.exception("search: the database fallback failed")
        return SearchResponse(
            query=query, total=0, results=[], facets={}, notes=list(query.notes), limited=True
        )


def _search(query):
    parsed = query.parsed
    words = list(parsed.words) + [w for phrase in parsed.phrases for w in phrase]
    rows = [(doc, _field_values(doc)) for doc in _candidates(" ".join(words))]
    wanted = _wanted(query.filters)
    matching = [doc for doc, values in rows if _passes(values, wanted)]
    _sort(matching, query.sort, text=bool(words))
    matcher = Matcher(parsed)
    page = matching[query.offset : query.offset + query.page_size]
    return SearchResponse(
        query=query,
        total=len(matching),
        results=[_hit(doc, matcher) for doc in page],
        facets=_facets(rows, wanted) if query.facets else {},
        notes=list(query.notes),
        limited=True,
    )


def _candidates(text):
    """Documents of up to PER_SOURCE objects per source matching the text (any, without text)."""
    backend = get_search_backend()
    docs = []
    for source in get_sources():
        try:
            found = _find(source, backend, text)
            source.prepare(found)  # taxonomy of all of them in a few queries, not per object
        except Exception:  # noqa: BLE001 - one source failing leaves the others
            logger.exception("search: fallback failed for %s", source.kind)
            continue
        for obj in found:
            try:
                docs.append(source.to_document(obj))
            except Exception:  # noqa: BLE001
                logger.exception("search: fallback could not build %s", obj)
    return docs


def _find(source, backend, text):
    queryset = source.get_queryset()
    if text and issubclass(source.model, Indexed):
        return list(backend.search(text, queryset, operator="and")[:PER_SOURCE])
    if text:
        return list(queryset.filter(title__icontains=text)[:PER_SOURCE])
    return list(queryset[:PER_SOURCE])


def _field_values(doc):
    """Document field -> the set of values the engines index for it (strings, empties left out)."""
    values = {}
    for field in set(FILTER_FIELDS.values()):
        value = getattr(doc, field, None)
        values[field] = {str(v) for v in (value if isinstance(value, list) else [value]) if v}
    return values


def _wanted(filters):
    """Filter name -> (document field, accepted values); years compare as numbers, as indexed."""
    wanted = {}
    for name, values in filters.items():
        field = FILTER_FIELDS[name]
        if field == "year":
            values = [str(int(v)) for v in values if str(v).isdigit()]
        wanted[name] = (field, set(values))
    return wanted


def _passes(values, wanted, ignore=None):
    """Every filter (but ``ignore``) has one of its values on the document."""
    return all(
        values[field] & accepted for name, (field, accepted) in wanted.items() if name != ignore
    )


def _facets(rows, wanted):
    """Counts per facet value over the matches, each facet without its own selection."""
    facets = {}
    for name, field in FACET_FIELDS.items():
        counts = Counter()
        for _doc, values in rows:
            if _passes(values, wanted, ignore=name):
                counts.update(values[field])
        top = sorted(counts.items(), key=lambda item: (-item[1], item[0]))[:FACET_SIZE]
        selected = wanted.get(name, (field, set()))[1]
        facets[name] = [
            FacetValue(value, count, selected=value in selected) for value, count in top
        ]
    return facets


def _sort(docs, sort, text):
    """Newest first when asked, or with no text (as the engines do); soonest deadline first."""
    if sort == "newest" or (sort == "relevance" and not text):
        docs.sort(key=lambda d: d.published.toordinal() if d.published else 0, reverse=True)
    elif sort == "deadline":
        docs.sort(key=lambda d: (d.deadline is None, d.deadline.timestamp() if d.deadline else 0))


def _hit(doc, matcher):
    return Hit.from_document(doc, highlight(doc.summary or doc.body, matcher))
