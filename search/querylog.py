"""The query log: counts of what people search for, per language and day, and nothing else.

``record`` adds one search to the day's row of its normalised query (cased
folded, spaces collapsed, control characters dropped, cut to
``MAX_QUERY_CHARS``), in one conditional update or an insert. It stores no
user, IP address, session or time of day. Growth is bounded twice: rows older
than ``SEARCH_QUERY_LOG_DAYS`` are deleted (at most once a day, from
``record``), and past ``MAX_QUERIES_PER_DAY`` distinct queries in a language
on one day the rest count under ``OTHER``. Recording never fails a search: a
database error is logged and the search answers as usual.
"""

import logging
from datetime import timedelta

from django.conf import settings
from django.core.cache import cache
from django.db import DatabaseError, IntegrityError, transaction
from django.db.models import Case, F, Sum, Value, When
from django.utils import timezone

from search.models import QueryLogEntry
from search.query import clean_text

logger = logging.getLogger(__name__)

MAX_QUERY_CHARS = 100
MAX_QUERIES_PER_DAY = 5000
# Where a day's queries past the limit are counted (no real query is this text).
OTHER = "…"
PRUNED_KEY = "search:query-log-pruned"


def normalise_query(text):
    return " ".join(clean_text(text).casefold().split())[:MAX_QUERY_CHARS].strip()


def record(text, language, results, today=None):
    """Count one search of ``text`` in ``language`` that found ``results`` documents."""
    query = normalise_query(text)
    if not query:
        return
    today = today or timezone.localdate()
    try:
        _prune(today)
        if not _add(today, language, query, results):
            if _distinct(today, language) >= MAX_QUERIES_PER_DAY:
                query = OTHER
            try:
                with transaction.atomic():
                    _create(today, language, query, results)
            except IntegrityError:  # created by a search at the same moment: count on it
                _add(today, language, query, results)
    except DatabaseError:
        logger.warning("search: the query log could not be written", exc_info=True)


def _add(day, language, query, results):
    return QueryLogEntry.objects.filter(day=day, language=language, query=query).update(
        searches=F("searches") + 1,
        zero_results=F("zero_results") + (1 if results == 0 else 0),
        last_results=results,
    )


def _create(day, language, query, results):
    QueryLogEntry.objects.create(day=day, language=language, query=query, searches=1,
                                 zero_results=1 if results == 0 else 0, last_results=results)


def _distinct(day, language):
    return QueryLogEntry.objects.filter(day=day, language=language).count()


def _prune(today):
    if cache.add(PRUNED_KEY, str(today), timeout=3600):
        QueryLogEntry.objects.filter(
            day__lt=today - timedelta(days=settings.SEARCH_QUERY_LOG_DAYS)).delete()


def top_queries(language, start, end, zero_only=False, limit=50):
    """The most searched queries in ``language`` between two days (inclusive), summed."""
    rows = QueryLogEntry.objects.filter(language=language, day__gte=start, day__lte=end)
    if zero_only:
        rows = rows.filter(zero_results__gt=0)
    return list(
        rows.values("query")
        .annotate(searches=Sum("searches"), zero_results=Sum("zero_results"),
                  other=Case(When(query=OTHER, then=Value(1)), default=Value(0)))
        .order_by("other", "-zero_results" if zero_only else "-searches", "query")[:limit]
    )
