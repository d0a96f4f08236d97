"""Reporting periods of the indicators: a year ("2026"), a half ("2026-H1") or a quarter ("2026-Q3").

A period is its first and last day (inclusive, in Europe/Sofia like every
date on the site), which is what the metrics select by.
"""

import dataclasses
import datetime as dt
import re

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

PERIOD = re.compile(r"^(?P<year>\d{4})(?:-(?P<kind>[HQ])(?P<part>\d))?$")


@dataclasses.dataclass(frozen=True)
class Period:
    label: str
    start: dt.date
    end: dt.date

    def fraction_elapsed(self, today=None):
        """How much of the period has gone by today: 0 before it starts, 1 once it ended."""
        today = today or timezone.localdate()
        if today < self.start:
            return 0.0
        if today > self.end:
            return 1.0
        return ((today - self.start).days + 1) / ((self.end - self.start).days + 1)


def parse_period(label):
    """The ``Period`` a label names; ``ValueError`` for anything else."""
    match = PERIOD.match(label or "")
    if not match or not 1900 <= int(match["year"]) <= 2100:
        raise ValueError(label)
    year = int(match["year"])
    if match["kind"] is None:
        return Period(label, dt.date(year, 1, 1), dt.date(year, 12, 31))
    months = 6 if match["kind"] == "H" else 3
    part = int(match["part"])
    if not 1 <= part <= 12 // months:
        raise ValueError(label)
    first = dt.date(year, (part - 1) * months + 1, 1)
    after = dt.date(year + 1, 1, 1) if part * months == 12 else dt.date(
        year, part * months + 1, 1)
    return Period(label, first, after - dt.timedelta(days=1))


def validate_period(label):
    try:
        parse_period(label)
    except ValueError:
        raise ValidationError(
            _("Write a year (2026), a half year (2026-H1 or 2026-H2) or a quarter "
              "(2026-Q1 to 2026-Q4)."), code="period") from None
