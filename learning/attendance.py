"""Attendance at sessions: the facilitator's list, and the rotating QR code in the room.

The room's code is a link carrying an HMAC of the session and the current
minute (``WINDOW_SECONDS``), made with the site's secret key: it cannot be
guessed, a photo of it stops working within two minutes (the current and the
previous window are accepted, so a code scanned just before it changed still
works), and it is accepted only while the session runs (from
``CHECK_IN_EARLY`` before the start to the end). Scanning marks only the
signed-in learner's own confirmed booking.
"""

import datetime as dt

import qrcode
import qrcode.image.svg
from django.db import transaction
from django.utils import timezone
from django.utils.crypto import constant_time_compare, salted_hmac
from django.utils.translation import gettext as _

from learning.choices import AttendanceMethod, BookingStatus
from learning.completion import record_completion

WINDOW_SECONDS = 60
CHECK_IN_EARLY = dt.timedelta(minutes=30)
SALT = "learning.attendance.check-in"


class CheckInError(Exception):
    """A refused check-in, with a message for the learner."""


def window_of(moment):
    return int(moment.timestamp()) // WINDOW_SECONDS


def token_for(session, window):
    message = f"{session.pk}:{session.starts_at.isoformat()}:{window}"
    return salted_hmac(SALT, message, algorithm="sha256").hexdigest()[:24]


def current_token(session):
    return token_for(session, window_of(timezone.now()))


def is_open(session, now):
    return not session.cancelled and session.starts_at - CHECK_IN_EARLY <= now <= session.ends_at


def verify(session, token, now):
    """Raise ``CheckInError`` unless ``token`` is the code of this session at ``now``."""
    if not is_open(session, now):
        raise CheckInError(_("Check-in is open only while the session runs."))
    window = window_of(now)
    if not any(constant_time_compare(token, token_for(session, w)) for w in (window, window - 1)):
        raise CheckInError(_("This code has expired. Scan the code shown in the room again."))


def qr_svg(url):
    """The QR code of ``url`` as inline SVG markup (made on the server, no outside service)."""
    image = qrcode.make(url, image_factory=qrcode.image.svg.SvgPathImage, border=2)
    return image.to_string(encoding="unicode")


def mark(booking, method, attended=True):
    """Record (or clear) attendance of one confirmed booking; completion follows."""
    from learning.models import Booking, Enrolment

    with transaction.atomic():
        booking = Booking.objects.select_for_update().get(pk=booking.pk)
        if booking.status != BookingStatus.CONFIRMED:
            raise CheckInError(_("Only learners with a confirmed place can be marked present."))
        if attended and booking.attended_at is None:
            booking.attended_at, booking.attendance_method = timezone.now(), method
        elif not attended:
            booking.attended_at, booking.attendance_method = None, ""
        booking.save(update_fields=["attended_at", "attendance_method"])
    enrolment = Enrolment.objects.filter(
        learner_id=booking.learner_id, programme_key=booking.session.programme_key).first()
    if enrolment is not None and attended:
        record_completion(enrolment)
    return booking


def check_in(session, learner, token):
    """The learner scanned the room's code: mark their confirmed booking present."""
    from learning.models import Booking

    verify(session, token, timezone.now())
    booking = Booking.objects.filter(
        session=session, learner=learner, status=BookingStatus.CONFIRMED).first()
    if booking is None:
        raise CheckInError(_("You have no confirmed place at this session. Please see the "
                             "facilitator."))
    return mark(booking, AttendanceMethod.QR)
