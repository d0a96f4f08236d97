"""Indicators in bg (the default language, holding the numbers), en and el, sharing one key."""

from monitoring.models import Indicator, IndicatorTarget
from tests.factories import locales


def make_indicator(slug, names=None, targets=(("2026", 20),), **fields):
    names = {"bg": f"Показател {slug}", "en": f"Indicator {slug}", "el": f"Δείκτης {slug}",
             **(names or {})}
    locs = locales()
    source = Indicator.objects.create(slug=slug, name=names["bg"], locale=locs["bg"], **fields)
    for period, target in targets:
        IndicatorTarget.objects.create(indicator=source, period=period, target=target)
    for code in ("en", "el"):
        Indicator.objects.create(slug=slug, name=names[code], locale=locs[code],
                                 translation_key=source.translation_key, **fields)
    return source
