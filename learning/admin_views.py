"""The learning numbers report in the admin (figures from ``learning.metrics``)."""

import datetime as dt

from django.core.exceptions import PermissionDenied
from django.shortcuts import render
from django.utils.translation import gettext as _

from learning import metrics


def read_date(value):
    try:
        return dt.date.fromisoformat(value) if value else None
    except ValueError:
        return None


def learning_numbers(request):
    if not request.user.has_perm("learning.view_enrolment"):
        raise PermissionDenied
    start, end = read_date(request.GET.get("start")), read_date(request.GET.get("end"))
    errors = []
    if request.GET.get("start") and start is None or request.GET.get("end") and end is None:
        errors.append(_("Dates are written YYYY-MM-DD."))
    if start and end and end < start:
        errors.append(_("The end date comes before the start date."))
        start = end = None
    return render(request, "learning/admin/numbers.html", {
        "start": start, "end": end, "errors": errors,
        "programmes": metrics.per_programme(start, end),
        "pillars": metrics.per_pillar(start, end),
        "months": metrics.per_month(start, end),
        "gender": metrics.participants_by_gender(start, end),
        "gender_completed": metrics.participants_by_gender(start, end, completed=True),
        "min_group": metrics.MIN_GROUP,
    })
