"""Template filters for dates, times, ranges, money and time zones (website.formatting).

    {{ call.deadline|date_time }}   {{ session.starts_at|date_range:session.ends_at }}
    {{ call.budget_eur|money }}     {{ call.deadline_timezone|zone_label:call.deadline }}
"""

from django import template

from website import formatting

register = template.Library()

register.filter("long_date", formatting.long_date)
register.filter("date_time", formatting.date_time)
register.filter("time_of_day", formatting.time_of_day)
register.filter("date_range", formatting.date_range)


@register.filter
def money(value, currency="EUR"):
    return formatting.money(value, currency or "EUR")


@register.filter
def zone_label(name, moment=None):
    return formatting.zone_label(name, moment)
