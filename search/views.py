"""The search page and the JSON API; both only talk to ``search.api``."""

from urllib.parse import urlencode

from django.conf import settings
from django.http import JsonResponse
from django.shortcuts import render
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET

from search import api, querylog, registry
from search.query import QueryError, SearchQuery

POPULAR_COUNT = 5


def allowed_values():
    """Closed sets checked strictly (unknown value -> 400); open ones just match nothing."""
    values = {"language": {code for code, _name in settings.LANGUAGES}}
    kinds = registry.kinds()
    if kinds:
        values["kind"] = set(kinds)
    return values


def aliases():
    """Former kind spellings (``case-study``, ``b2b``...) the API still accepts."""
    return {"kind": registry.kind_aliases()}


def log_query(query, response):
    """Count a search for the editors' report: its first page only, so paging counts once."""
    # A limited answer (the engine was down) says nothing reliable about results.
    if query.page == 1 and query.text and not response.limited:
        querylog.record(query.text, translation.get_language() or settings.LANGUAGE_CODE,
                        response.total)


def _json_error(message):
    return JsonResponse({"error": message}, status=400, json_dumps_params={"ensure_ascii": False})


@require_GET
def search_api(request):
    try:
        query = SearchQuery.from_params(request.GET, allowed_values(), aliases())
    except QueryError as exc:
        return _json_error(str(exc))
    response = api.search(query, ui_language=translation.get_language())
    log_query(query, response)
    return JsonResponse(response.to_dict(), json_dumps_params={"ensure_ascii": False})


@require_GET
def suggest_api(request):
    language = request.GET.get("language") or None
    if language and language not in allowed_values()["language"]:
        return _json_error(_("Unknown language %(code)r.") % {"code": language[:10]})
    suggestions = api.suggest(SearchQuery(text=request.GET.get("q", "")).text, language=language)
    labels = registry.kinds()
    for item in suggestions:
        item["label"] = str(labels.get(item["kind"], item["kind"]))  # shown beside the title
    return JsonResponse({"suggestions": suggestions}, json_dumps_params={"ensure_ascii": False})


FACET_TITLES = {
    "kind": gettext_lazy("Type"),
    "theme": gettext_lazy("Theme"),
    "pillar": gettext_lazy("Pillar"),
    "region": gettext_lazy("Region"),
    "country": gettext_lazy("Country"),
    "language": gettext_lazy("Language"),
    "status": gettext_lazy("Funding status"),
    "year": gettext_lazy("Year"),
    "certificate": gettext_lazy("Certificate"),
}


SORT_LABELS = [
    ("relevance", gettext_lazy("Relevance")),
    ("newest", gettext_lazy("Newest")),
    ("deadline", gettext_lazy("Deadline")),
]


@require_GET
def search_page(request):
    error = ""
    try:
        query = SearchQuery.from_params(request.GET, allowed_values(), aliases())
    except QueryError as exc:
        error = str(exc)
        query = SearchQuery(text=request.GET.get("q", "")[:500])
    response = api.search(query)
    if not error:
        log_query(query, response)
    popular = []
    if response.total == 0:
        popular = api.search(SearchQuery(sort="newest", page_size=POPULAR_COUNT)).results
    kind_labels = registry.kinds()
    for hit in [*response.results, *popular]:
        hit.kind_label = kind_labels.get(hit.kind, hit.kind)
    params = request.GET.copy()
    params.pop("page", None)
    facets = [
        (name, str(FACET_TITLES[name]), values)
        for name, values in response.facets.items()
        if values
    ]
    context = {
        "error": error,
        "search_query": query,
        "response": response,
        "results": response.results,
        "facets": facets,
        # The chosen facet values, shown above the results as links that remove them.
        "active_filters": [
            (name, title, value.value, value.label) for name, title, values in facets
            for value in values if value.selected
        ],
        "clear_url": f"{request.path}?{urlencode({'q': query.text})}" if query.text else request.path,
        "popular": popular,
        "base_params": params.urlencode(),
        "sorts": SORT_LABELS,
        "previous_page": query.page - 1 if query.page > 1 else None,
        "next_page": query.page + 1 if query.page < response.pages else None,
    }
    return render(request, "search/search.html", context, status=400 if error else 200)
