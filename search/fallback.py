"""When the configured engine cannot answer: Wagtail's database search over the sources.

Fewer features (no typo tolerance, facets only for kind and language, plain
snippets), but never an error page. The response says ``limited=True`` and the
page shows "search is temporarily limited".
"""

import logging

from wagtail.search.backends import get_search_backend
from wagtail.search.index import Indexed

from search.highlight import Matcher, highlight
from search.query import FacetValue, Hit, SearchResponse
from search.registry import get_sources

logger = logging.getLogger(__name__)
PER_SOURCE = 200


def fallback_search(query):
    parsed = query.parsed
    words = list(parsed.words) + [w for phrase in parsed.phrases for w in phrase]
    text = " ".join(words)
    kinds = set(query.filters.get("kind", ()))
    languages = set(query.filters.get("language", ()))
    backend = get_search_backend()
    matcher = Matcher(parsed)
    hits, kind_counts, language_counts = [], {}, {}
    for source in get_sources():
        if kinds and source.kind not in kinds:
            continue
        try:
            queryset = source.get_queryset()
            if languages and hasattr(source.model, "locale"):
                queryset = queryset.filter(locale__language_code__in=languages)
            if text and issubclass(source.model, Indexed):
                found = list(backend.search(text, queryset, operator="and")[:PER_SOURCE])
            elif text:
                found = list(queryset.filter(title__icontains=text)[:PER_SOURCE])
            else:
                found = list(queryset[:PER_SOURCE])
        except Exception:  # noqa: BLE001 - one source failing leaves the others
            logger.exception("search: fallback failed for %s", source.kind)
            continue
        for obj in found:
            try:
                doc = source.to_document(obj)
            except Exception:  # noqa: BLE001
                logger.exception("search: fallback could not build %s", obj)
                continue
            kind_counts[doc.kind] = kind_counts.get(doc.kind, 0) + 1
            language_counts[doc.language] = language_counts.get(doc.language, 0) + 1
            hits.append(
                Hit(
                    id=doc.id,
                    kind=doc.kind,
                    title=doc.title,
                    url=doc.url,
                    language=doc.language,
                    summary=doc.summary,
                    highlight=highlight(doc.summary or doc.body, matcher),
                    score=0.0,
                    published=doc.published,
                    deadline=doc.deadline,
                    status=doc.status,
                    organisation=doc.organisation,
                )
            )
    if query.sort == "newest":
        hits.sort(key=lambda h: h.published.isoformat() if h.published else "", reverse=True)
    elif query.sort == "deadline":
        hits.sort(key=lambda h: (h.deadline is None, h.deadline.isoformat() if h.deadline else ""))
    page = hits[query.offset : query.offset + query.page_size]
    facets = {
        "kind": [FacetValue(k, c) for k, c in sorted(kind_counts.items(), key=lambda i: -i[1])],
        "language": [
            FacetValue(k, c) for k, c in sorted(language_counts.items(), key=lambda i: -i[1])
        ],
    }
    return SearchResponse(
        query=query,
        total=len(hits),
        results=page,
        facets=facets,
        notes=list(query.notes),
        limited=True,
    )
