"""iCalendar files: one per event and a feed of upcoming events (built with ``website.ical``).

Event URLs are canonical (``website.site_url``): a calendar outlives the visit.
"""

from django.utils import timezone

from website.ical import ics_response, new_calendar, vevent
from website.site_url import absolute_url


def page_event(page, request):
    return vevent(
        f"event-page-{page.pk}@competence-hub",
        page.title, page.local_start, page.local_end, page.get_full_url(request),
        page.place, page.summary, page.is_online,
    )


def activity_event(activity, request):
    return vevent(
        f"member-event-{activity.pk}@competence-hub",
        activity.title, timezone.localtime(activity.start),
        timezone.localtime(activity.end or activity.start),
        absolute_url(activity.get_absolute_url(), request),
        activity.place, activity.summary, activity.is_online,
    )


def event_page_response(page, request):
    calendar = new_calendar()
    calendar.add_component(page_event(page, request))
    return ics_response(calendar, f"{page.slug}.ics")


def activity_response(activity, request):
    calendar = new_calendar()
    calendar.add_component(activity_event(activity, request))
    return ics_response(calendar, f"member-event-{activity.pk}.ics")


def feed_response(index, request):
    from network.events import activity_entries, page_entries

    now = timezone.now()
    calendar = new_calendar(index.title if index else None)
    for page, entry in page_entries(index):
        if entry.end >= now:
            calendar.add_component(page_event(page, request))
    for activity, entry in activity_entries():
        if entry.end >= now:
            calendar.add_component(activity_event(activity, request))
    return ics_response(calendar, "events.ics")
