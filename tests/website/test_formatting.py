"""One form per language for dates, times, ranges, money and time zones (website.formatting).

Django's stock formats wrote "Фев. 17, 2027, 6 след обяд", capitalised Bulgarian
months and "€12000000"; these pin the forms the site uses in bg, el and en.
"""

import datetime as dt
import zoneinfo
from decimal import Decimal

import pytest
from django.template import Context, Template
from django.utils import translation

from website import formatting

SOFIA = zoneinfo.ZoneInfo("Europe/Sofia")
EVENING = dt.datetime(2027, 2, 17, 18, 0, tzinfo=SOFIA)


@pytest.mark.parametrize(("language", "expected"), [
    ("bg", "17 февруари 2027 г."), ("el", "17 Φεβρουαρίου 2027"), ("en", "17 February 2027")])
def test_long_date(language, expected):
    with translation.override(language):
        assert formatting.long_date(EVENING) == expected
        assert formatting.long_date(EVENING.date()) == expected


@pytest.mark.parametrize(("language", "expected"), [
    ("bg", "17 февруари 2027 г., 18:00 ч."), ("el", "17 Φεβρουαρίου 2027, 18:00"),
    ("en", "17 February 2027, 18:00")])
def test_date_time_in_the_current_zone(language, expected):
    with translation.override(language):
        assert formatting.date_time(EVENING) == expected
        assert formatting.date_time(EVENING.astimezone(dt.UTC)) == expected


def test_bulgarian_months_are_lower_case_and_never_am_pm():
    with translation.override("bg"):
        for month in range(1, 13):
            text = formatting.date_time(dt.datetime(2026, month, 3, 0, 0, tzinfo=SOFIA))
            assert text == text.lower(), text
            assert "обяд" not in text and "полунощ" not in text
        # Django's own |date:"DATE_FORMAT" follows the same format module.
        html = Template('{{ day|date:"DATE_FORMAT" }}').render(Context({"day": dt.date(2025, 3, 12)}))
        assert html == "12 март 2025 г."


@pytest.mark.parametrize(("language", "month", "across_months", "across_years"), [
    ("bg", "10–12 март 2026 г.", "30 март – 2 април 2026 г.",
     "30 декември 2026 г. – 2 януари 2027 г."),
    ("el", "10–12 Μαρτίου 2026", "30 Μαρτίου – 2 Απριλίου 2026",
     "30 Δεκεμβρίου 2026 – 2 Ιανουαρίου 2027"),
    ("en", "10–12 March 2026", "30 March – 2 April 2026", "30 December 2026 – 2 January 2027"),
])
def test_date_ranges(language, month, across_months, across_years):
    with translation.override(language):
        assert formatting.date_range(dt.date(2026, 3, 10), dt.date(2026, 3, 12)) == month
        assert formatting.date_range(dt.date(2026, 3, 30), dt.date(2026, 4, 2)) == across_months
        assert formatting.date_range(dt.date(2026, 12, 30), dt.date(2027, 1, 2)) == across_years
        assert formatting.date_range(dt.date(2026, 3, 10), None) == formatting.long_date(
            dt.date(2026, 3, 10))


@pytest.mark.parametrize(("language", "expected"), [
    ("bg", "17 февруари 2027 г., 18:00–20:00 ч."), ("el", "17 Φεβρουαρίου 2027, 18:00–20:00"),
    ("en", "17 February 2027, 18:00–20:00")])
def test_time_range_on_one_day(language, expected):
    with translation.override(language):
        assert formatting.date_range(EVENING, EVENING + dt.timedelta(hours=2)) == expected


@pytest.mark.parametrize(("language", "whole", "cents"), [
    ("bg", "12\u00a0000\u00a0000\u00a0€", "1\u00a0500,50\u00a0€"),
    ("el", "12.000.000\u00a0€", "1.500,50\u00a0€"),
    ("en", "€12,000,000", "€1,500.50")])
def test_money(language, whole, cents):
    with translation.override(language):
        assert formatting.money(Decimal("12000000.00")) == whole
        assert formatting.money("1500.5", "EUR") == cents
        assert formatting.money(None) == ""


@pytest.mark.parametrize(("language", "winter", "summer"), [
    ("bg", "София (EET)", "София (EEST)"), ("el", "ώρα Σόφιας (EET)", "ώρα Σόφιας (EEST)"),
    ("en", "Sofia time (EET)", "Sofia time (EEST)")])
def test_zone_label_names_the_city_and_the_offset_in_force(language, winter, summer):
    with translation.override(language):
        assert formatting.zone_label("Europe/Sofia", EVENING) == winter
        assert formatting.zone_label("Europe/Sofia", EVENING.replace(month=7)) == summer


def test_zone_label_of_an_unlisted_zone_uses_its_city():
    with translation.override("en"):
        assert formatting.zone_label("America/New_York", EVENING) == "New York time (EST)"


def test_filters_keep_a_zone_set_with_the_timezone_filter():
    template = Template('{% load tz formatting %}{{ moment|timezone:"Europe/Brussels"|date_time }}'
                        ' · {{ budget|money:"EUR" }} · {{ start|date_range:end }}')
    with translation.override("el"):
        html = template.render(Context({
            "moment": EVENING.astimezone(dt.UTC), "budget": 2500000,
            "start": dt.date(2026, 3, 10), "end": dt.date(2026, 3, 12)}))
    assert html == "17 Φεβρουαρίου 2027, 17:00 · 2.500.000\u00a0€ · 10–12 Μαρτίου 2026"
