"""Actual values of the indicators, from the platform's own records or approved reports.

Each computed metric is a queryset count over one period (its first and last
day, inclusive, in Europe/Sofia):

- ``members_per_pillar``: a stock, so the count at the end of the period:
  member organisations that are approved and listed (the only public ones),
  approved by that day, of the indicator's pillar (any, without one).
- ``case_studies_per_year``: live case studies without view restrictions whose
  publication date (their own, else the day first published) falls in the
  period; a case study and its translations count once.
- ``course_completions`` and ``session_attendance``: completions and
  attendances taken in the period (of the indicator's programme or pillar).
- ``consultation_respondents`` and ``policy_makers_in_consultations``:
  everyone, and the policy makers, who took part in a public consultation in
  the period (``monitoring.metrics``).

Other apps' records are read through ``apps.get_model`` (content apps never
import each other). A period that has not begun has no actual value; nor does
a reported indicator without an approved figure for it.
"""

import datetime as dt
from decimal import Decimal

from django.apps import apps
from django.conf import settings
from django.db.models.functions import Coalesce, TruncDate
from django.utils import timezone
from wagtail.models import Locale

from monitoring import metrics
from monitoring.choices import Direction, Metric, Progress
from monitoring.models import Indicator, ReportedFigure
from monitoring.periods import parse_period
from website.choices import Status


def _end_of(day):
    tz = timezone.get_current_timezone()
    return dt.datetime.combine(day + dt.timedelta(days=1), dt.time.min, tz)


def _start_of(day):
    return dt.datetime.combine(day, dt.time.min, timezone.get_current_timezone())


def members_per_pillar(indicator, period):
    # A profile approved before approval times were kept (or imported) counts from its creation.
    members = (apps.get_model("network", "Member").objects
               .annotate(since=Coalesce("approved_at", "created_at"))
               .filter(status=Status.APPROVED, listed=True, since__lt=_end_of(period.end)))
    if indicator.pillar_id:
        members = members.filter(pillars__slug=indicator.pillar.slug)
    return members.distinct().count()


def case_studies_per_year(indicator, period):
    pages = (apps.get_model("casestudies", "CaseStudyPage").objects.live().public()
             .annotate(published=Coalesce("published_on", TruncDate("first_published_at")))
             .filter(published__gte=period.start, published__lte=period.end))
    if indicator.pillar_id:
        pages = pages.filter(pillars__slug=indicator.pillar.slug)
    return pages.values("translation_key").distinct().count()


def _learning_scope(queryset, indicator, programme_field):
    if indicator.programme_id:
        queryset = queryset.filter(
            **{f"{programme_field}_key": indicator.programme.translation_key})
    if indicator.pillar_id:
        queryset = queryset.filter(**{f"{programme_field}__pillars__slug": indicator.pillar.slug})
    return queryset


def course_completions(indicator, period):
    completions = apps.get_model("learning", "Completion").objects.filter(
        completed_at__gte=_start_of(period.start), completed_at__lt=_end_of(period.end))
    return _learning_scope(completions, indicator, "enrolment__programme").distinct().count()


def session_attendance(indicator, period):
    bookings = apps.get_model("learning", "Booking").objects.filter(
        attended_at__gte=_start_of(period.start), attended_at__lt=_end_of(period.end))
    return _learning_scope(bookings, indicator, "session__programme").distinct().count()


def consultation_respondents(indicator, period):
    return metrics.consultation_respondents(since=period.start, until=period.end).total


def policy_makers_in_consultations(indicator, period):
    return metrics.consultation_respondents(since=period.start, until=period.end).policy_makers


COMPUTED = {
    Metric.MEMBERS_PER_PILLAR: members_per_pillar,
    Metric.CASE_STUDIES_PER_YEAR: case_studies_per_year,
    Metric.COURSE_COMPLETIONS: course_completions,
    Metric.SESSION_ATTENDANCE: session_attendance,
    Metric.CONSULTATION_RESPONDENTS: consultation_respondents,
    Metric.POLICY_MAKERS_IN_CONSULTATIONS: policy_makers_in_consultations,
}


def status(indicator, target, actual, period, today=None):
    """Achieved once the target is met; else on track while the actual keeps pace.

    Keeping pace: the share of the way from the baseline to the target is at
    least the share of the period gone by. A period that ended short is behind.
    """
    if actual is None:
        return None
    actual, target, baseline = Decimal(actual), Decimal(target), Decimal(indicator.baseline)
    higher = indicator.direction == Direction.HIGHER
    if (actual >= target) if higher else (actual <= target):
        return Progress.ACHIEVED
    elapsed = Decimal(str(period.fraction_elapsed(today)))
    if elapsed >= 1:
        return Progress.BEHIND
    expected = baseline + (target - baseline) * elapsed
    return Progress.ON_TRACK if ((actual >= expected) if higher else (actual <= expected)) \
        else Progress.BEHIND


def _number(value):
    if value is None:
        return None
    value = Decimal(value)
    return int(value) if value == value.to_integral_value() else float(value)


def indicator_periods(source, reported=None, today=None):
    """[{period, target, actual, status}] of one indicator (its default-language row)."""
    today = today or timezone.localdate()
    if reported is None:
        reported = approved_figures([source.translation_key])
    rows = []
    for target in sorted(source.targets.all(), key=lambda t: parse_period(t.period).start):
        period = parse_period(target.period)
        if source.metric:
            actual = COMPUTED[source.metric](source, period) if period.start <= today else None
        else:
            actual = reported.get((source.translation_key, target.period))
        progress = status(source, target.target, actual, period, today)
        rows.append({"period": target.period, "target": _number(target.target),
                     "actual": _number(actual), "status": progress,
                     # For the pages: the label, and the actual as a share of the target.
                     "status_label": Progress(progress).label if progress else "",
                     "percent": _percent(actual, target.target)})
    return rows


def _percent(actual, target):
    if actual is None or not target:
        return None
    return min(100, round(100 * Decimal(actual) / Decimal(target)))


def approved_figures(keys):
    """{(indicator key, period): value} of the latest approved figure of each period."""
    figures = {}
    for key, period, value in (ReportedFigure.objects.approved()
                               .filter(indicator_key__in=keys)
                               .order_by("decided_at", "pk")
                               .values_list("indicator_key", "period", "value")):
        figures[(key, period)] = value
    return figures


def indicator_rows(language):
    """Every indicator, named in ``language`` (else the default language), with its periods."""
    default = settings.LANGUAGE_CODE
    wanted = Locale.objects.filter(language_code__in={language, default})
    indicators = list(Indicator.objects.filter(locale__in=wanted)
                      .select_related("locale", "pillar", "programme")
                      .prefetch_related("targets"))
    sources = {i.translation_key: i for i in indicators if i.locale.language_code == default}
    names = {i.translation_key: i for i in indicators if i.locale.language_code == language}
    reported = approved_figures(list(sources))
    rows = []
    for key, source in sorted(sources.items(), key=lambda item: (item[1].sort_order,
                                                                   item[1].name)):
        named = names.get(key, source)
        rows.append({"indicator": named, "source": source,
                     "periods": indicator_periods(source, reported)})
    return rows


API_PERIOD_KEYS = ("period", "target", "actual", "status")


def api_rows(language):
    """The ``/api/indicators/`` contract (see README)."""
    return [{
        "slug": row["source"].slug,
        "name": row["indicator"].name,
        "unit": "%" if row["source"].is_percentage else row["indicator"].unit,
        "metric": row["source"].metric or None,
        "pillar": row["source"].pillar.slug if row["source"].pillar_id else None,
        "periods": [{key: period[key] for key in API_PERIOD_KEYS} for period in row["periods"]],
    } for row in indicator_rows(language)]



def current_period(periods, today=None):
    """The period under way today, else the last one begun, else the first: what a summary shows."""
    today = today or timezone.localdate()
    begun = [row for row in periods if parse_period(row["period"]).start <= today]
    under_way = [row for row in begun if parse_period(row["period"]).end >= today]
    return (under_way or begun[-1:] or periods[:1] or [None])[0]
