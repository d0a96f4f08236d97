"""Learning numbers for monitoring: enrolments, completions, certificates and participants by gender.

Every function takes an optional period (``start``, ``end``: dates, ``end``
included, in the site's time zone). Enrolments count by the day of
enrolling, completions by the day of completing, certificates by the day of
issuing (a revoked certificate does not count: it certifies nobody). Programmes are counted once
whatever their translations (records point at the programme's source page);
pillars are the source page's.

Gender is self-declared and optional; it is only ever reported in totals,
and a group smaller than ``MIN_GROUP`` is hidden (``None``), together with
the next smallest when it alone could be worked out from the total.
"""

import datetime as dt

from django.db.models import Count
from django.db.models.functions import TruncMonth
from django.utils import timezone
from django.utils.translation import gettext as _

from learning.choices import Gender

MIN_GROUP = 5


def _bounds(start, end):
    tz = timezone.get_current_timezone()
    lower = dt.datetime.combine(start, dt.time.min, tz) if start else None
    upper = dt.datetime.combine(end + dt.timedelta(days=1), dt.time.min, tz) if end else None
    return lower, upper


def _in_period(queryset, field, start, end):
    lower, upper = _bounds(start, end)
    if lower:
        queryset = queryset.filter(**{f"{field}__gte": lower})
    if upper:
        queryset = queryset.filter(**{f"{field}__lt": upper})
    return queryset


def enrolments(start=None, end=None, programme=None, pillar=None):
    from learning.models import Enrolment

    queryset = _in_period(Enrolment.objects.all(), "enrolled_at", start, end)
    if programme is not None:
        queryset = queryset.filter(programme_key=programme.translation_key)
    if pillar is not None:
        queryset = queryset.filter(programme__pillars__slug=pillar).distinct()
    return queryset


def completions(start=None, end=None, programme=None, pillar=None):
    from learning.models import Completion

    queryset = _in_period(Completion.objects.all(), "completed_at", start, end)
    if programme is not None:
        queryset = queryset.filter(enrolment__programme_key=programme.translation_key)
    if pillar is not None:
        queryset = queryset.filter(enrolment__programme__pillars__slug=pillar).distinct()
    return queryset


def certificates(start=None, end=None, programme=None, pillar=None):
    from learning.models import Certificate

    queryset = _in_period(Certificate.objects.filter(revoked_at__isnull=True), "issued_at",
                          start, end)
    if programme is not None:
        queryset = queryset.filter(programme_key=programme.translation_key)
    if pillar is not None:
        queryset = queryset.filter(
            completion__enrolment__programme__pillars__slug=pillar).distinct()
    return queryset


def per_programme(start=None, end=None):
    """[{programme, enrolments, completions, certificates}] for every programme with learners."""
    from learning.models import ProgrammePage

    enrolled = dict(enrolments(start, end).values_list("programme").annotate(n=Count("pk")))
    completed = dict(completions(start, end).values_list("enrolment__programme")
                     .annotate(n=Count("pk")))
    certified = dict(certificates(start, end).values_list("completion__enrolment__programme")
                     .annotate(n=Count("pk")))
    pages = ProgrammePage.objects.filter(
        pk__in=set(enrolled) | set(completed) | set(certified)).order_by("title")
    return [{"programme": page, "enrolments": enrolled.get(page.pk, 0),
             "completions": completed.get(page.pk, 0),
             "certificates": certified.get(page.pk, 0)} for page in pages]


def per_pillar(start=None, end=None):
    """[{pillar (slug), enrolments, completions, certificates}] by the programmes' pillars."""
    enrolled = dict(enrolments(start, end).filter(programme__pillars__isnull=False)
                    .values_list("programme__pillars__slug").annotate(n=Count("pk", distinct=True)))
    completed = dict(completions(start, end).filter(enrolment__programme__pillars__isnull=False)
                     .values_list("enrolment__programme__pillars__slug")
                     .annotate(n=Count("pk", distinct=True)))
    certified = dict(certificates(start, end)
                     .filter(completion__enrolment__programme__pillars__isnull=False)
                     .values_list("completion__enrolment__programme__pillars__slug")
                     .annotate(n=Count("pk", distinct=True)))
    return [{"pillar": slug, "enrolments": enrolled.get(slug, 0),
             "completions": completed.get(slug, 0), "certificates": certified.get(slug, 0)}
            for slug in sorted(set(enrolled) | set(completed) | set(certified))]


def per_month(start=None, end=None):
    """[{month (a date, the 1st), enrolments, completions, certificates}] in time order."""
    tz = timezone.get_current_timezone()
    enrolled = dict(enrolments(start, end).annotate(month=TruncMonth("enrolled_at", tzinfo=tz))
                    .values_list("month").annotate(n=Count("pk")))
    completed = dict(completions(start, end).annotate(month=TruncMonth("completed_at", tzinfo=tz))
                     .values_list("month").annotate(n=Count("pk")))
    certified = dict(certificates(start, end).annotate(month=TruncMonth("issued_at", tzinfo=tz))
                     .values_list("month").annotate(n=Count("pk")))
    months = sorted({m.date() if isinstance(m, dt.datetime) else m
                     for m in set(enrolled) | set(completed) | set(certified)})

    def value(counts, month):
        return sum(n for m, n in counts.items()
                   if (m.date() if isinstance(m, dt.datetime) else m) == month)

    return [{"month": month, "enrolments": value(enrolled, month),
             "completions": value(completed, month), "certificates": value(certified, month)}
            for month in months]


def participants_by_gender(start=None, end=None, programme=None, completed=False):
    """[{gender, label, count}] of learners (or of those who completed); hidden counts are None.

    A learner in several programmes counts once per programme enrolled in.
    """
    if completed:
        rows = completions(start, end, programme).values_list("enrolment__gender")
    else:
        rows = enrolments(start, end, programme).values_list("gender")
    counts = dict(rows.annotate(n=Count("pk")).order_by())
    groups = [(value, label) for value, label in Gender.choices] + [("", _("Not declared"))]
    result = [{"gender": value, "label": str(label), "count": counts.get(value, 0)}
              for value, label in groups]
    hidden = [row for row in result if 0 < row["count"] < MIN_GROUP]
    if len(hidden) == 1:
        # One hidden group could be worked out from the total and the others.
        others = sorted((row for row in result if row["count"] >= MIN_GROUP),
                        key=lambda row: row["count"])
        hidden += others[:1]
    for row in hidden:
        row["count"] = None
    return result


def total_participants(start=None, end=None, programme=None, completed=False):
    queryset = completions(start, end, programme) if completed else enrolments(
        start, end, programme)
    return queryset.count()
