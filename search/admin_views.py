"""The editors' report of search queries: top queries and queries without results, per language."""

from datetime import date, timedelta

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _

from search.querylog import OTHER, top_queries

DEFAULT_DAYS = 30


def read_date(value):
    try:
        return date.fromisoformat((value or "").strip()[:10])
    except ValueError:
        return None


def query_report(request):
    if not request.user.has_perm("search.view_querylogentry"):
        raise PermissionDenied
    languages = dict(settings.LANGUAGES)
    language = request.GET.get("language")
    errors = []
    if language and language not in languages:
        errors.append(_("Unknown language."))
    if language not in languages:
        language = settings.LANGUAGE_CODE
    today = timezone.localdate()
    start, end = read_date(request.GET.get("start")), read_date(request.GET.get("end"))
    if (request.GET.get("start") and start is None) or (request.GET.get("end") and end is None):
        errors.append(_("Dates are written YYYY-MM-DD."))
    end = end or today
    start = start or end - timedelta(days=DEFAULT_DAYS - 1)
    if end < start:
        errors.append(_("The end date comes before the start date."))
        start, end = today - timedelta(days=DEFAULT_DAYS - 1), today
    return render(request, "search/admin/query_report.html", {
        "languages": settings.LANGUAGES, "language": language, "start": start, "end": end,
        "errors": errors, "other": OTHER, "keep_days": settings.SEARCH_QUERY_LOG_DAYS,
        "top": top_queries(language, start, end),
        "zero": top_queries(language, start, end, zero_only=True),
    })
