"""The mentoring request's state machine, and the only code that moves a request.

requested → viewed → accepted or declined (optional reason) → completed, or
cancelled by the learner, or expired when the mentor never answers. Each move
is one conditional UPDATE from the states it may start from, so two clicks,
two tabs or the sweep and a mentor at once move a request one way only; the
loser gets ``MentoringError``. Accepting locks the mentor's profile and counts
the running requests, so a mentor is never given more mentees than places.

A mentor who becomes unavailable or full has the requests still waiting for
an answer declined automatically, and each learner is told. Every move mails
the other side, in their language, in the same transaction.
"""

import datetime as dt

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from learning.mailing import mail_member
from learning.models import (
    FeedbackRole,
    MentoringFeedback,
    MentoringMeeting,
    MentoringRequest,
    MentorProfile,
    RequestState,
)
from learning.models.mentoring import ACTIVE_STATES, OPEN_STATES
from website.choices import Status

REMIND_AFTER = dt.timedelta(days=5)
EXPIRE_AFTER = dt.timedelta(days=10)
# Stored untranslated on automatically declined requests, shown in the reader's language.
REASON_UNAVAILABLE = gettext_noop("The mentor is not taking new requests at the moment.")
REASON_FULL = gettext_noop("The mentor has no free places at the moment.")


class MentoringError(Exception):
    """A move that is not allowed now; the message is for the person who tried it."""


def _move(request, allowed, to, **fields):
    """Move ``request`` from one of ``allowed`` to ``to`` (one UPDATE); the fresh row."""
    now = fields.pop("now", None) or timezone.now()
    if to in (RequestState.DECLINED, RequestState.COMPLETED, RequestState.CANCELLED,
              RequestState.EXPIRED):
        fields.setdefault("closed_at", now)
    moved = MentoringRequest.objects.filter(pk=request.pk, state__in=allowed).update(
        state=to, **fields)
    if not moved:
        raise MentoringError(_("This request has already moved on; the page now shows where "
                               "it stands."))
    return MentoringRequest.objects.select_related("learner", "mentor__member").get(
        pk=request.pk)


def is_mentor_of(request, member):
    return member is not None and request.mentor.member_id == member.pk


def is_learner_of(request, member):
    return member is not None and request.learner_id == member.pk


def in_network(network, member):
    return network.memberships.filter(member=member, status=Status.APPROVED).exists()


def ask(learner, mentor, message, programme=None, network=None, level="", language=""):
    """A new request from ``learner`` to ``mentor``; ``MentoringError`` when it cannot be made."""
    message = (message or "").strip()
    if not message:
        raise MentoringError(_("Say in a few words what you would like help with."))
    if mentor.member_id == learner.pk:
        raise MentoringError(_("You cannot ask yourself to be your mentor."))
    if network is not None and not (in_network(network, learner)
                                    and in_network(network, mentor.member)):
        raise MentoringError(_("Peer mentoring is between members of the same network or "
                               "working group."))
    try:
        with transaction.atomic():
            mentor = MentorProfile.objects.select_for_update().select_related("member").get(
                pk=mentor.pk)
            if not (mentor.is_approved and mentor.available and mentor.member.is_public):
                raise MentoringError(_("This mentor is not taking new requests."))
            if mentor.free_places() <= 0:
                raise MentoringError(_("This mentor has no free places at the moment."))
            request = MentoringRequest.objects.create(
                learner=learner, mentor=mentor, message=message[:3000], network=network,
                programme=programme.source_page if programme else None,
                programme_key=programme.translation_key if programme else None,
                level=level, language=language)
            mail_member(mentor.member, "mentoring_requested", {"request": request},
                        "learning:mentoring_request", {"pk": request.pk})
    except IntegrityError as exc:
        raise MentoringError(_("You have already asked this mentor; your request is waiting "
                               "for an answer.")) from exc
    return request


def mark_viewed(request, member):
    """The mentor opened the request: requested → viewed (quietly; nothing else changes)."""
    if is_mentor_of(request, member) and request.state == RequestState.REQUESTED:
        MentoringRequest.objects.filter(pk=request.pk, state=RequestState.REQUESTED).update(
            state=RequestState.VIEWED, viewed_at=timezone.now())
        request.refresh_from_db()
    return request


def accept(request):
    with transaction.atomic():
        mentor = MentorProfile.objects.select_for_update().get(pk=request.mentor_id)
        if mentor.free_places() <= 0:
            raise MentoringError(_("You have no free places: raise your number of mentees or "
                                   "complete a running mentoring first."))
        request = _move(request, OPEN_STATES, RequestState.ACCEPTED, answered_at=timezone.now())
        mail_member(request.learner, "mentoring_accepted", {"request": request},
                    "learning:mentoring_request", {"pk": request.pk})
        if mentor.free_places() <= 0:
            decline_waiting(mentor, REASON_FULL)
    return request


def decline(request, reason="", automatic=False):
    with transaction.atomic():
        request = _move(request, OPEN_STATES, RequestState.DECLINED, answered_at=timezone.now(),
                        reason=(reason or "").strip()[:1000],
                        declined_automatically=automatic)
        mail_member(request.learner, "mentoring_declined", {"request": request},
                    "learning:mentoring_request", {"pk": request.pk})
    return request


def decline_waiting(mentor, reason):
    """Decline every request of ``mentor`` still waiting for an answer; how many."""
    count = 0
    for waiting in MentoringRequest.objects.filter(mentor=mentor, state__in=OPEN_STATES):
        try:
            with transaction.atomic():
                decline(waiting, reason, automatic=True)
                count += 1
        except MentoringError:  # answered a moment ago
            continue
    return count


def profile_changed(mentor):
    """After the mentor edits the profile: unavailable or full declines what is waiting."""
    if not mentor.available:
        return decline_waiting(mentor, REASON_UNAVAILABLE)
    if mentor.free_places() <= 0:
        return decline_waiting(mentor, REASON_FULL)
    return 0


def cancel(request, reason=""):
    with transaction.atomic():
        request = _move(request, (*OPEN_STATES, *ACTIVE_STATES), RequestState.CANCELLED,
                        reason=(reason or "").strip()[:1000])
        mail_member(request.mentor.member, "mentoring_cancelled", {"request": request},
                    "learning:mentoring_request", {"pk": request.pk})
    return request


def complete(request, by_member):
    with transaction.atomic():
        request = _move(request, ACTIVE_STATES, RequestState.COMPLETED)
        other = request.learner if is_mentor_of(request, by_member) else request.mentor.member
        mail_member(other, "mentoring_completed", {"request": request},
                    "learning:mentoring_request", {"pk": request.pk})
    return request


def remind_and_expire(now=None):
    """Remind mentors of requests waiting ``REMIND_AFTER``; expire those waiting ``EXPIRE_AFTER``.

    Returns (reminded, expired). Each request is taken by a conditional update,
    so two sweeps at once mail nobody twice.
    """
    now = now or timezone.now()
    expired = 0
    for request in MentoringRequest.objects.filter(state__in=OPEN_STATES,
                                                   created_at__lte=now - EXPIRE_AFTER):
        try:
            with transaction.atomic():
                request = _move(request, OPEN_STATES, RequestState.EXPIRED, now=now)
                mail_member(request.learner, "mentoring_expired", {"request": request},
                            "learning:mentoring_find")
                expired += 1
        except MentoringError:
            continue
    reminded = 0
    for request in MentoringRequest.objects.filter(
            state__in=OPEN_STATES, reminded_at__isnull=True,
            created_at__lte=now - REMIND_AFTER).select_related("mentor__member"):
        with transaction.atomic():
            if MentoringRequest.objects.filter(pk=request.pk, reminded_at__isnull=True,
                                               state__in=OPEN_STATES).update(reminded_at=now):
                mail_member(request.mentor.member, "mentoring_reminder",
                            {"request": request, "expires": request.created_at + EXPIRE_AFTER},
                            "learning:mentoring_request", {"pk": request.pk})
                reminded += 1
    return reminded, expired


def log_meeting(request, by_member, starts_at, duration_minutes, place="", notes=""):
    """A meeting of a running (or completed) mentoring; the other side gets the invitation."""
    from learning.mentoring.hours import recheck_completion

    if request.state not in (RequestState.ACCEPTED, RequestState.COMPLETED):
        raise MentoringError(_("Meetings are logged once the mentor has accepted."))
    with transaction.atomic():
        meeting = MentoringMeeting.objects.create(
            request=request, starts_at=starts_at, duration_minutes=duration_minutes,
            place=place, notes=notes, logged_by=by_member)
        other = request.learner if is_mentor_of(request, by_member) else request.mentor.member
        mail_member(other, "mentoring_meeting", {"request": request, "meeting": meeting},
                    "learning:mentoring_meeting_ical", {"pk": meeting.pk})
    recheck_completion(request)
    return meeting


def leave_feedback(request, member, rating, comment=""):
    """One side's feedback (a later one replaces it) once the mentoring has started."""
    if request.state not in (RequestState.ACCEPTED, RequestState.COMPLETED):
        raise MentoringError(_("Feedback is given once the mentoring has started."))
    role = FeedbackRole.MENTOR if is_mentor_of(request, member) else FeedbackRole.LEARNER
    feedback, _created = MentoringFeedback.objects.update_or_create(
        request=request, role=role, defaults={"rating": rating, "comment": comment})
    return feedback
