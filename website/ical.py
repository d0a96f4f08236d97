"""iCalendar building blocks (RFC 5545, via icalendar) that the content apps share.

``network.ical`` makes event files and the events feed with them,
``learning.ical`` the files of offline sessions.
"""

from django.http import HttpResponse
from django.utils import timezone
from icalendar import Calendar, Event

PRODID = "-//Competence Hub//Events//EN"


def new_calendar(name=None, prodid=PRODID):
    calendar = Calendar()
    calendar.add("prodid", prodid)
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


def ics_response(calendar, filename):
    response = HttpResponse(calendar.to_ical(), content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
