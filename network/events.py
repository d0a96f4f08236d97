"""The events calendar: the centre's event pages and approved member events, merged."""

from django.utils import timezone

from network.choices import ActivityKind
from network.models import EventPage, MemberActivity


class CalendarEntry:
    """One row of the calendar, whatever its source."""

    def __init__(self, title, url, start, end, place, is_online, organiser, ical_url):
        self.title = title
        self.url = url
        self.start = start
        self.end = end
        self.place = place
        self.is_online = is_online
        self.organiser = organiser
        self.ical_url = ical_url

    @property
    def card_meta(self):
        from django.utils.formats import date_format

        when = date_format(timezone.localtime(self.start), "DATETIME_FORMAT")
        return " · ".join(part for part in (when, self.place, self.organiser) if part)


def page_entries(index, locale=None):
    pages = EventPage.objects.live().public()
    if index is not None:
        pages = pages.descendant_of(index)
    elif locale is not None:
        pages = pages.filter(locale=locale)
    for page in pages:
        url = page.get_url()
        yield page, CalendarEntry(
            page.title, url, page.start, page.end, page.place, page.is_online,
            "", page.ical_url,
        )


def activity_entries():
    from django.urls import reverse

    activities = MemberActivity.objects.public().filter(kind=ActivityKind.EVENT).exclude(
        start__isnull=True
    ).select_related("member")
    for activity in activities:
        yield activity, CalendarEntry(
            activity.title, activity.get_absolute_url(), activity.start,
            activity.end or activity.start, activity.place, activity.is_online,
            activity.member.name, reverse("network:activity_ical", kwargs={"pk": activity.pk}),
        )


def all_entries(index=None, locale=None):
    entries = [entry for _obj, entry in page_entries(index, locale)]
    entries += [entry for _obj, entry in activity_entries()]
    return entries


def calendar_context(index, request):
    now = timezone.now()
    entries = all_entries(index)
    upcoming = sorted((e for e in entries if e.end >= now), key=lambda e: e.start)
    past = sorted((e for e in entries if e.end < now), key=lambda e: e.start, reverse=True)
    return {"upcoming": upcoming, "past": past[:20]}


def upcoming_for_home(home, request):
    from django.utils.translation import gettext as _

    from network.models import EventIndexPage

    index = EventIndexPage.objects.live().child_of(home).first()
    now = timezone.now()
    upcoming = sorted(
        (e for e in all_entries(index) if e.end >= now), key=lambda e: e.start
    )[:4]
    return {
        "title": _("Upcoming events"),
        "items": upcoming,
        "more_url": index.get_url(request) if index else None,
    }
