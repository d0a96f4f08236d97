"""iCalendar files of sessions: one session, or every session a learner has a place at."""

from django.utils import timezone
from django.utils.translation import gettext as _

from website.ical import ics_response, new_calendar, vevent

PRODID = "-//Competence Hub//Learning sessions//EN"


def session_event(session, request, private=False):
    """A session as a VEVENT; the online link only in the learner's own calendar."""
    description = session.description
    if private and session.online_url:
        description = f"{description}\n{_('Online link')}: {session.online_url}".strip()
    return vevent(
        f"learning-session-{session.pk}@competence-hub", session.title,
        timezone.localtime(session.starts_at), timezone.localtime(session.ends_at),
        request.build_absolute_uri(session.get_absolute_url()),
        session.place, description, session.is_online,
    )


def sessions_response(sessions, request, filename, private=False):
    calendar = new_calendar(_("Learning sessions") if private else None, prodid=PRODID)
    for session in sessions:
        if not session.cancelled:
            calendar.add_component(session_event(session, request, private))
    return ics_response(calendar, filename)
