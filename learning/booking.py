"""Booking, cancelling and the waiting list of sessions.

Every change locks the session row first (``select_for_update``; on SQLite
the immediate transaction takes the database's write lock), so confirmed
places never exceed the capacity however many learners book or cancel at
once, and a place that frees up goes to the first person waiting, in the same
transaction. That person is told by e-mail after the commit.
"""

from django.db import transaction
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from learning import notify
from learning.choices import BookingStatus


class BookingError(Exception):
    """A refused booking or cancellation, with a message for the learner."""


def locked_session(session_id):
    from learning.models import Session

    # Only the session row: on PostgreSQL a join would lock the programme's page rows too.
    return Session.objects.select_for_update().get(pk=session_id)


def book(session, learner, enrol=None):
    """A place for the learner, or a place on the waiting list when the session is full.

    Booking twice returns the booking the learner already has. ``enrol`` is
    called inside the transaction to enrol the learner in the programme first.
    """
    from learning.models import Booking

    with transaction.atomic():
        session = locked_session(session.pk)
        now = timezone.now()
        if session.cancelled:
            raise BookingError(_("This session has been cancelled."))
        if now >= session.starts_at:
            raise BookingError(_("This session has started; booking is closed."))
        existing = Booking.objects.active().filter(session=session, learner=learner).first()
        if existing is not None:
            return existing
        if enrol is not None:
            enrol()
        confirmed = Booking.objects.filter(
            session=session, status=BookingStatus.CONFIRMED).count()
        booking = Booking(session=session, learner=learner, created_at=now,
                          language=(get_language() or "")[:10])
        if confirmed < session.capacity:
            booking.status, booking.confirmed_at = BookingStatus.CONFIRMED, now
        else:
            booking.status, booking.waiting_since = BookingStatus.WAITING, now
        booking.save()
        return booking


def cancel(booking, by_staff=False):
    """Cancel a booking (or leave the waiting list); returns the bookings promoted.

    Learners may give up a confirmed place until the session's cancellation
    deadline and leave the waiting list until it starts; staff may cancel at
    any time.
    """
    from learning.models import Booking

    with transaction.atomic():
        session = locked_session(booking.session_id)
        booking = Booking.objects.get(pk=booking.pk)
        if booking.status == BookingStatus.CANCELLED:
            return []
        now = timezone.now()
        if not by_staff:
            if booking.status == BookingStatus.CONFIRMED and not session.can_cancel(now):
                raise BookingError(_("The cancellation deadline has passed; please tell the "
                                     "facilitator that you cannot come."))
            if booking.status == BookingStatus.WAITING and session.is_past(now):
                raise BookingError(_("This session has started."))
        was_confirmed = booking.status == BookingStatus.CONFIRMED
        booking.status, booking.cancelled_at = BookingStatus.CANCELLED, now
        booking.save(update_fields=["status", "cancelled_at"])
        return fill_free_places(session) if was_confirmed else []


def fill_free_places(session):
    """Confirm the first people waiting for every free place (call with the session locked)."""
    from learning.models import Booking

    now = timezone.now()
    if session.cancelled or session.is_past(now):
        return []
    confirmed = Booking.objects.filter(session=session, status=BookingStatus.CONFIRMED).count()
    free = session.capacity - confirmed
    if free <= 0:
        return []
    promoted = list(
        Booking.objects.filter(session=session).waiting_order()
        .select_related("learner__user", "session")[:free]
    )
    for booking in promoted:
        booking.status = BookingStatus.CONFIRMED
        booking.confirmed_at = booking.promoted_at = now
        booking.save(update_fields=["status", "confirmed_at", "promoted_at"])
        notify.place_confirmed_from_waiting_list(booking)
    return promoted


def capacity_changed(session):
    """After an editor raised the capacity: the waiting list moves up."""
    with transaction.atomic():
        return fill_free_places(locked_session(session.pk))


def waiting_position(booking):
    """1 for the first person waiting, and so on; None when not waiting."""
    from learning.models import Booking

    if booking.status != BookingStatus.WAITING:
        return None
    ahead = Booking.objects.filter(session_id=booking.session_id).waiting_order()
    ids = list(ahead.values_list("pk", flat=True))
    return ids.index(booking.pk) + 1 if booking.pk in ids else None
