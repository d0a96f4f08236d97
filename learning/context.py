"""What the programme, module and lesson templates show this visitor (never cached).

The pages' own content is cached with the rest of the site; these parts
depend on who is looking: their enrolment, progress, bookings and answers.
"""

from django.db.models import Count, Q
from django.utils import timezone

from learning.booking import waiting_position
from learning.choices import BookingStatus
from learning.completion import describe, evaluate
from learning.enrolment import continue_lesson, enrolment_for
from learning.forms import EnrolForm
from learning.structure import outline, progress
from learning.views.common import current_learner, facilitates_programme


def session_rows(programme, learner, now=None):
    """Each session of the programme with its free places and this learner's booking."""
    from learning.models import Booking, Session

    now = now or timezone.now()
    sessions = list(
        Session.objects.filter(programme_key=programme.translation_key)
        .annotate(confirmed=Count("bookings", filter=Q(bookings__status=BookingStatus.CONFIRMED)))
        .order_by("starts_at", "pk")
    )
    bookings = {}
    if learner is not None:
        for booking in Booking.objects.active().filter(session__in=sessions, learner=learner):
            bookings[booking.session_id] = booking
    rows = []
    for session in sessions:
        booking = bookings.get(session.pk)
        open_for_booking = not session.cancelled and now < session.starts_at
        rows.append({
            "session": session,
            "places_left": max(0, session.capacity - session.confirmed),
            "booking": booking,
            "waiting_position": waiting_position(booking) if booking else None,
            "can_book": open_for_booking and booking is None,
            "can_cancel": booking is not None and (
                session.can_cancel(now) if booking.status == BookingStatus.CONFIRMED
                else now < session.starts_at),
            "past": now >= session.ends_at,
        })
    return rows


def learner_state(programme, learner):
    """Enrolment, progress, where to continue and the completion, for one learner."""
    enrolment = enrolment_for(programme, learner)
    if enrolment is None:
        return {"enrolment": None}
    state = progress(enrolment)
    parts = evaluate(enrolment, state)
    completion = getattr(enrolment, "completion", None)
    return {
        "enrolment": enrolment,
        "progress": state,
        "rule_parts": [{"text": describe(part), "met": part["met"]} for part in parts],
        "completion": completion,
        "completion_reasons": [describe(part) for part in completion.reasons]
        if completion else [],
        "continue_lesson": continue_lesson(enrolment, programme, state),
    }


def programme_context(page, request):
    learner = current_learner(request)
    context = {"learner": learner, "outline": outline(page),
               "sessions": session_rows(page, learner),
               "facilitates": facilitates_programme(request.user, page),
               "enrol_form": EnrolForm()}
    context.update(learner_state(page, learner))
    return context


def module_context(page, request):
    from learning.models import ProgrammePage

    programme = ProgrammePage.objects.ancestor_of(page).first()
    groups = outline(programme) if programme else []
    learner = current_learner(request)
    enrolment = enrolment_for(programme, learner) if programme else None
    done = progress(enrolment).done_keys if enrolment else set()
    lessons = next((g.lessons for g in groups if g.module and g.module.pk == page.pk), [])
    return {"programme": programme, "lessons": lessons, "done_keys": done,
            "enrolment": enrolment}
