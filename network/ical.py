"""iCalendar files: one per event and a feed of upcoming events (RFC 5545, via icalendar).

Event URLs are canonical (``website.site_url``): a calendar outlives the visit.
"""

from django.http import HttpResponse
from django.utils import timezone
from icalendar import Calendar, Event

from website.site_url import absolute_url

PRODID = "-//Competence Hub//Events//EN"


def new_calendar(name=None):
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    if name:
        calendar.add("x-wr-calname", name)
    return calendar


def vevent(uid, title, start, end, url, place="", description="", is_online=False):
    event = Event()
    event.add("uid", uid)
    event.add("dtstamp", timezone.now())
    event.add("summary", title)
    event.add("dtstart", start.replace(microsecond=0))
    event.add("dtend", (end or start).replace(microsecond=0))
    if url:
        event.add("url", url)
    location = place or ("Online" if is_online else "")
    if location:
        event.add("location", location)
    if description:
        event.add("description", description)
    return event


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


def ics_response(calendar, filename):
    response = HttpResponse(calendar.to_ical(), content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


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
