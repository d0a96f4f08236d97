"""The completion rule: when a learner counts as having completed a programme, and why.

A rule has up to five parts, set by the editors on the programme page:
every lesson done, every quiz passed, at least N % of the sessions attended,
a facilitator's or mentor's sign-off, at least H hours of mentoring. A part
with nothing to count (no lessons, no quizzes, no sessions yet) does not
apply; a learner completes when at least one part applies and every part
that applies is met. ``record_completion`` stores the result once, with the
reasons, and sends ``learning.signals.programme_completed`` after the commit.

Mentoring hours come from the providers registered with
``register_mentoring_hours(provider)``, ``provider(enrolment) -> Decimal``
(the mentoring part of the app fills this in); without one, a rule asking for
hours is not met.
"""

from decimal import Decimal

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from learning.choices import Requirement
from learning.signals import programme_completed
from learning.structure import progress

_hours_providers = []


def register_mentoring_hours(provider):
    if provider not in _hours_providers:
        _hours_providers.append(provider)


def mentoring_hours(enrolment):
    return sum((Decimal(provider(enrolment) or 0) for provider in _hours_providers), Decimal(0))


def rule_of(programme):
    return {
        "lessons": programme.require_lessons,
        "quizzes": programme.require_quizzes,
        "attendance_percent": programme.min_attendance_percent,
        "signoff": programme.require_signoff,
        "mentoring_hours": str(programme.min_mentoring_hours or 0),
    }


def evaluate(enrolment, state=None):
    """Each applicable part of the rule as a dict: requirement, met, and what was counted."""
    programme = enrolment.programme
    state = state or progress(enrolment, programme)
    parts = []
    if programme.require_lessons and state.lessons_total:
        parts.append({"requirement": Requirement.LESSONS, "done": state.lessons_done,
                      "required": state.lessons_total,
                      "met": state.lessons_done >= state.lessons_total})
    if programme.require_quizzes and state.quizzes_total:
        parts.append({"requirement": Requirement.QUIZZES, "done": state.quizzes_passed,
                      "required": state.quizzes_total,
                      "met": state.quizzes_passed >= state.quizzes_total})
    if programme.min_attendance_percent and state.sessions_total:
        parts.append({"requirement": Requirement.ATTENDANCE, "done": state.sessions_attended,
                      "total": state.sessions_total, "percent": state.attendance_percent,
                      "required": programme.min_attendance_percent,
                      "met": 100 * state.sessions_attended
                      >= programme.min_attendance_percent * state.sessions_total})
    if programme.require_signoff:
        parts.append({"requirement": Requirement.SIGNOFF,
                      "at": enrolment.signed_off_at.isoformat() if enrolment.signed_off_at
                      else None,
                      "met": enrolment.signed_off_at is not None})
    if programme.min_mentoring_hours:
        hours = mentoring_hours(enrolment)
        parts.append({"requirement": Requirement.MENTORING, "done": str(hours),
                      "required": str(programme.min_mentoring_hours),
                      "met": hours >= programme.min_mentoring_hours})
    return parts


def is_complete(parts):
    return bool(parts) and all(part["met"] for part in parts)


def record_completion(enrolment):
    """Store the completion if the learner now meets the rule; the ``Completion`` or None.

    The enrolment row is locked, so two requests finishing at once record one
    completion and send one signal.
    """
    from learning.models import Completion, Enrolment

    with transaction.atomic():
        # Only the enrolment row is locked (no join: the programme's page rows stay free).
        enrolment = Enrolment.objects.select_for_update().get(pk=enrolment.pk)
        existing = Completion.objects.filter(enrolment=enrolment).first()
        if existing is not None:
            return existing
        parts = evaluate(enrolment)
        if not is_complete(parts):
            return None
        completion = Completion.objects.create(
            enrolment=enrolment, completed_at=timezone.now(), reasons=parts,
            rule=rule_of(enrolment.programme),
        )
        transaction.on_commit(lambda: programme_completed.send(
            sender=Completion, completion=completion))
    return completion


def describe(part):
    """One part of a rule, and what the learner did, in the active language."""
    requirement = part["requirement"]
    if requirement == Requirement.LESSONS:
        return _("Lessons done: %(done)s of %(required)s") % part
    if requirement == Requirement.QUIZZES:
        return _("Quizzes passed: %(done)s of %(required)s") % part
    if requirement == Requirement.ATTENDANCE:
        return _("Sessions attended: %(done)s of %(total)s (%(percent)s%%; at least "
                 "%(required)s%% needed)") % part
    if requirement == Requirement.SIGNOFF:
        return _("Signed off by a facilitator or mentor") if part["met"] else _(
            "Waiting for a facilitator's or mentor's sign-off")
    if requirement == Requirement.MENTORING:
        return _("Mentoring hours: %(done)s of %(required)s") % part
    return str(requirement)
