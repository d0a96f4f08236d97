"""Dates, times, ranges, money and time zones as the page's language writes them.

One place for every visible date on the site: templates use the filters in
`website.templatetags.formatting`, Python code that builds text (feeds, card
lines, calendar entries, e-mails) calls these functions. The forms themselves
live in the per-language format modules (website/formats/<lang>/formats.py);
machine-readable values (`<time datetime>`, exports, the API) stay ISO 8601.
"""

import datetime as dt
import zoneinfo
from decimal import Decimal

from django.utils import formats, timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext

# Currencies by ISO code; any other code is shown as the code itself.
CURRENCY_SYMBOLS = {"EUR": "€", "BGN": "лв.", "USD": "$", "GBP": "£"}

# Time zones named by the city people know, not the tz database key.
ZONE_CITIES = {
    "Europe/Sofia": _("Sofia"),
    "Europe/Athens": _("Athens"),
    "Europe/Brussels": _("Brussels"),
    "Europe/Bucharest": _("Bucharest"),
    "Europe/Berlin": _("Berlin"),
    "Europe/Paris": _("Paris"),
    "Europe/Rome": _("Rome"),
    "Europe/Vienna": _("Vienna"),
    "Europe/London": _("London"),
    "Europe/Istanbul": _("Istanbul"),
}


def _local(value):
    """An aware datetime in the current time zone; dates and naive values as they are.

    A value passed through the `|timezone:"..."` template filter keeps its own zone
    (Django marks it `convert_to_local_time = False`), as a call's deadline must.
    """
    return timezone.template_localtime(value)


def long_date(value):
    """17 февруари 2027 г. · 17 Φεβρουαρίου 2027 · 17 February 2027."""
    if not value:
        return ""
    return formats.date_format(_local(value), "DATE_FORMAT")


def date_time(value):
    """17 февруари 2027 г., 18:00 ч. · 17 Φεβρουαρίου 2027, 18:00 · 17 February 2027, 18:00."""
    if not value:
        return ""
    if not isinstance(value, dt.datetime):
        return long_date(value)
    return formats.date_format(_local(value), "DATETIME_FORMAT")


def time_of_day(value):
    if not value:
        return ""
    return formats.time_format(_local(value), "TIME_FORMAT")


def date_range(start, end):
    """10–12 March 2026 · 30 March – 2 April 2026 · 30 December 2026 – 2 January 2027.

    Datetimes on one day read "10 March 2026, 10:00–12:00"; on different days both
    ends are written in full. A missing end is just the start. All three languages
    put the day first, so the shared tail (month, year) is written once.
    """
    if not start:
        return date_time(end) if end else ""
    if not end:
        return date_time(start)
    start, end = _local(start), _local(end)
    if isinstance(start, dt.datetime) and isinstance(end, dt.datetime):
        if start.date() == end.date():
            # "17 февруари 2027 г., 18:00–20:00 ч.": every language joins date and time with ", ".
            return f"{long_date(start)}, {start:%H:%M}–{time_of_day(end)}"
        return f"{date_time(start)} – {date_time(end)}"
    start = start.date() if isinstance(start, dt.datetime) else start
    end = end.date() if isinstance(end, dt.datetime) else end
    if start == end:
        return long_date(start)
    if (start.year, start.month) == (end.year, end.month):
        return f"{start.day}–{long_date(end)}"
    if start.year == end.year:
        return f"{formats.date_format(start, 'MONTH_DAY_FORMAT')} – {long_date(end)}"
    return f"{long_date(start)} – {long_date(end)}"


def money(value, currency="EUR"):
    """12 000 000 € · 12.000.000 € · €12,000,000 (cents only when there are any)."""
    if value is None or value == "":
        return ""
    amount = Decimal(str(value))
    places = 0 if amount == amount.to_integral_value() else 2
    number = formats.number_format(amount, places, force_grouping=True)
    symbol = CURRENCY_SYMBOLS.get(currency, currency)
    # Translators: where the currency goes around an amount; keep the non-breaking space.
    return pgettext("money", "%(symbol)s%(amount)s") % {"symbol": symbol, "amount": number}


def zone_label(name, moment=None):
    """Sofia time (EET) · София (EET): the city and the abbreviation in force at `moment`."""
    name = str(name or timezone.get_current_timezone_name())
    try:
        zone = zoneinfo.ZoneInfo(name)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
        return name
    city = ZONE_CITIES.get(name) or name.rsplit("/", 1)[-1].replace("_", " ")
    abbreviation = (moment or timezone.now()).astimezone(zone).tzname()
    if name == "UTC":
        return "UTC"
    return pgettext("time zone", "%(city)s time (%(abbreviation)s)") % {
        "city": city, "abbreviation": abbreviation}
