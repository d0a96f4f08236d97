"""Mentoring towards a completion rule: the hours a learner was mentored in a programme, and a
mentor's sign-off.

``mentoring_hours`` is the provider ``learning.completion`` asks (registered
in ``wiring``): the meetings already held in the learner's accepted or
completed requests for that programme. After a meeting is logged, or a mentor
signs off, the learner's completion is checked again.
"""

from decimal import Decimal

from django.utils import timezone

from learning.models import Enrolment, MentoringMeeting, RequestState

COUNTED_STATES = (RequestState.ACCEPTED, RequestState.COMPLETED)


def mentoring_hours(enrolment):
    meetings = MentoringMeeting.objects.filter(
        request__learner_id=enrolment.learner_id, request__programme_key=enrolment.programme_key,
        request__state__in=COUNTED_STATES)
    held = [m for m in meetings.only("starts_at", "duration_minutes") if m.is_held]
    return (Decimal(sum(m.duration_minutes for m in held)) / 60).quantize(Decimal("0.1"))


def enrolment_of(request):
    if request.programme_key is None:
        return None
    return Enrolment.objects.filter(learner_id=request.learner_id,
                                    programme_key=request.programme_key).first()


def recheck_completion(request):
    from learning.completion import record_completion

    enrolment = enrolment_of(request)
    return record_completion(enrolment) if enrolment else None


def can_sign_off(request):
    """The mentor of a running or completed mentoring for a programme that asks for a sign-off."""
    enrolment = enrolment_of(request)
    return (enrolment is not None and request.state in COUNTED_STATES
            and enrolment.programme.require_signoff and enrolment.signed_off_at is None)


def sign_off(request, user, note=""):
    enrolment = enrolment_of(request)
    enrolment.signed_off_at = timezone.now()
    enrolment.signed_off_by = user
    enrolment.signoff_note = note
    enrolment.save(update_fields=["signed_off_at", "signed_off_by", "signoff_note"])
    return recheck_completion(request)

