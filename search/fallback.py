"""When the configured engine cannot answer: Wagtail's database search over the sources.

Fewer features (no typo tolerance, no "did you mean", plain snippets, at most
``PER_SOURCE`` text matches per kind), but never an error page. Within those
matches, filters and facets behave as in the engines: OR inside a facet, AND
across facets, and each facet's counts ignore that facet's own selection (so a
ticked value can be joined by its neighbours). That is why no filter is pushed
into the database queries: the counts of the other kinds and languages need
the documents the filter would leave out. The response says ``limited=True``
and the page shows "search is temporarily limited".

While the engine is down every search lands here, so it is kept cheap: one
Wagtail search covers every page type, and documents are cached under a
version that any recorded change renews (``_cached_documents``); the
candidates themselves, and so what may be shown, come from the database on
every search.
"""

import logging
from collections import Counter

from django.core.cache import cache
from django.db import models
from django.db.models import Q
from wagtail.models import Page
from wagtail.search.backends import get_search_backend
from wagtail.search.index import Indexed

from search.highlight import Matcher, highlight
from search.query import FACET_FIELDS, FACET_SIZE, FILTER_FIELDS, FacetValue, Hit, SearchResponse
from search.registry import content_version, get_sources
from search.sync import documents_token

logger = logging.getLogger(__name__)
PER_SOURCE = 200
DOCUMENT_CACHE_SECONDS = 300


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
    # The database search has no alternatives: it looks for the user's own words.
    words = parsed.own_words
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
    sources = get_sources()
    ranked = _page_matches(backend, text, sources) if text else None
    version = f"{content_version()}:{documents_token()}"
    docs = []
    for source in sources:
        try:
            if issubclass(source.model, models.Model):
                if ranked is not None and source.key in ranked:
                    pks = ranked[source.key]
                else:
                    pks = [obj.pk for obj in _find(source, backend, text, ids_only=True)]
                docs += _cached_documents(source, pks, version)
            else:
                found = _find(source, backend, text)
                source.prepare(found)  # taxonomy of all of them in a few queries, not per object
                docs += _documents(source, found)
        except Exception:  # noqa: BLE001 - one source failing leaves the others
            logger.exception("search: fallback failed for %s", source.key)
    return docs


def _document(source, obj):
    try:
        return source.to_document(obj)
    except Exception:  # noqa: BLE001 - one broken object leaves the rest
        logger.exception("search: fallback could not build %s", obj)
        return None


def _documents(source, objects):
    return [doc for doc in (_document(source, obj) for obj in objects) if doc is not None]


def _cached_documents(source, pks, version):
    """The documents of these objects, in order: cached under ``version``, the rest built.

    ``version`` changes with every change the outbox records (a publish,
    unpublish, move, deletion, privacy change, approval, rejection or edit:
    ``search.sync.documents_token``) and with the site's content generation
    (taxonomy renames: ``registry.register_content_version``), so a cached
    document is what the source would build now. Objects the source's queryset
    leaves out (private, unapproved) are never cached, so never shown; a lost
    entry is a miss. This keeps a search answered from the database about as
    cheap as one the engine answers: building documents costs several queries
    per kind, reading them one cache call.
    """
    keys = {pk: f"search:fallback:{version}:{source.key}:{pk}" for pk in pks}
    found = cache.get_many(list(keys.values()))
    missing = [pk for pk in pks if keys[pk] not in found]
    if missing:
        objects = _by_rank(source.get_queryset(), missing)
        source.prepare(objects)
        fresh = {}
        for obj in objects:
            doc = _document(source, obj)
            if doc is not None:
                fresh[keys[obj.pk]] = doc
        cache.set_many(fresh, DOCUMENT_CACHE_SECONDS)
        found.update(fresh)
    return [found[keys[pk]] for pk in pks if keys[pk] in found]


def _page_matches(backend, text, sources):
    """Page source kind -> matching page ids, best first, from one search over every page type.

    One database search instead of one per page type. The ids only pick
    candidates: each source's own queryset still decides what may be shown.
    None when the matches were too many to share one bounded query fairly;
    then each type is searched alone.
    """
    page_sources = [s for s in sources if issubclass(s.model, Page) and issubclass(s.model, Indexed)]
    if not page_sources:
        return {}
    limit = PER_SOURCE * len(page_sources)
    queryset = Page.objects.live().type(*[s.model for s in page_sources])
    try:
        rows = list(backend.search(text, queryset, operator="and")[:limit])
    except Exception:  # noqa: BLE001 - the per-type searches (and their logging) take over
        return None
    if len(rows) >= limit:
        return None
    matches = {source.key: [] for source in page_sources}
    for row in rows:
        # Each source gets what searching its own queryset would (its model and subclasses).
        for source in page_sources:
            if issubclass(row.specific_class or Page, source.model):
                matches[source.key].append(row.pk)
    return matches


def _by_rank(queryset, pks):
    if not pks:
        return []
    rank = {pk: i for i, pk in enumerate(pks)}
    return sorted(queryset.filter(pk__in=pks), key=lambda obj: rank[obj.pk])


def _find(source, backend, text, ids_only=False):
    """Up to PER_SOURCE of the source's objects matching ``text`` (any, without text)."""
    queryset = source.get_queryset()
    if ids_only:  # the documents come from the cache or are built from a second query
        queryset = queryset.select_related(None).prefetch_related(None).only("pk")
    if text and issubclass(source.model, Indexed):
        return list(backend.search(text, queryset, operator="and")[:PER_SOURCE])
    if text:
        # Every word in one of the source's text fields.
        condition = Q()
        for word in text.split()[:8]:
            either = Q()
            for name in source.fallback_fields:
                either |= Q(**{f"{name}__icontains": word})
            condition &= either
        return list(queryset.filter(condition)[:PER_SOURCE])
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
