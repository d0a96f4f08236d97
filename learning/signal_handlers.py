"""Keep the waiting lists moving when a place frees up outside the booking functions.

Raising a session's capacity (or any save of it) gives the free places to the
people waiting, after the editor's transaction commits; so does a confirmed
booking that disappears with its learner's account.
"""

from django.db import transaction
from django.db.models.signals import post_delete, post_save


def _session_saved(instance, created, **_kwargs):
    if created:
        return
    from learning.booking import capacity_changed

    transaction.on_commit(lambda: capacity_changed(instance))


def _booking_deleted(instance, **_kwargs):
    from learning.booking import capacity_changed
    from learning.choices import BookingStatus
    from learning.models import Session

    if instance.status != BookingStatus.CONFIRMED:
        return

    def refill():
        session = Session.objects.filter(pk=instance.session_id).first()
        if session is not None:  # not when the session itself was deleted
            capacity_changed(session)

    transaction.on_commit(refill)


def register_signal_handlers():
    post_save.connect(_session_saved, sender="learning.Session",
                      dispatch_uid="learning-session-saved")
    post_delete.connect(_booking_deleted, sender="learning.Booking",
                        dispatch_uid="learning-booking-deleted")
