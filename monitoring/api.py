"""``/api/indicators/``: every indicator with its targets and actual values, per period.

``[{"slug", "name", "unit", "metric", "pillar", "periods": [{"period",
"target", "actual", "status"}]}]``: ``metric`` is the computed metric or
null for a figure staff report (only approved figures appear), ``pillar`` a
pillar slug or null, ``status`` one of ``achieved``, ``on_track``,
``behind`` or null without an actual value. Names are in ``?language=``
(as in ``/api/search/suggest/``; ``?lang=`` is read too), else the request's
language. Computed from the records on each request, a fixed number of queries
per indicator: actuals follow approvals and answers that no content
generation tracks, so a cache could only show stale figures.
"""

from django.conf import settings
from django.http import JsonResponse
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from monitoring.indicators import api_rows


@require_GET
def indicators(request):
    language = request.GET.get("language") or request.GET.get("lang") or None
    if language and language not in {code for code, _name in settings.LANGUAGES}:
        return JsonResponse({"error": _("Unknown language %(code)r.") % {"code": language[:10]}},
                            status=400, json_dumps_params={"ensure_ascii": False})
    language = language or translation.get_language() or settings.LANGUAGE_CODE
    return JsonResponse(api_rows(language), safe=False, json_dumps_params={"ensure_ascii": False})
