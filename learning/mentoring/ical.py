"""A mentoring meeting as an iCalendar invitation (for the learner's and the mentor's calendars).

No e-mail addresses go in it: members reach each other through the site, not
by address, so neither side's address is revealed by the file.
"""

from django.utils import timezone
from django.utils.translation import gettext as _

from website.ical import ics_response, new_calendar, vevent
from website.site_url import absolute_url, canonical_hostname

PRODID = "-//Competence Hub//Mentoring//EN"


def meeting_event(meeting, request=None):
    mentoring = meeting.request
    title = _("Mentoring: %(learner)s and %(mentor)s") % {
        "learner": mentoring.learner.name, "mentor": mentoring.mentor.member.name}
    event = vevent(
        f"mentoring-meeting-{meeting.pk}@{canonical_hostname()}", title,
        timezone.localtime(meeting.starts_at), timezone.localtime(meeting.ends_at),
        absolute_url(mentoring.get_absolute_url(), request), meeting.place, meeting.notes)
    event.add("sequence", meeting.sequence)
    return event


def meeting_response(meeting, request):
    calendar = new_calendar(prodid=PRODID)
    calendar.add("method", "PUBLISH")
    calendar.add_component(meeting_event(meeting, request))
    return ics_response(calendar, f"mentoring-{meeting.pk}.ics")
