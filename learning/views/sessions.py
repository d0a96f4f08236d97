"""Sessions: details, booking and cancelling, iCal files, attendance and check-in."""

from django.contrib import messages
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from learning import attendance, booking
from learning.choices import AttendanceMethod, BookingStatus
from learning.context import session_rows
from learning.enrolment import enrol, enrolment_for
from learning.ical import sessions_response
from learning.views.common import (
    current_learner,
    facilitated_session_or_404,
    facilitates_session,
    learner_required,
    signed_in_required,
)


def public_programme(programme_key):
    """The live, public translation of a programme in the active language (or any), or None."""
    from wagtail.models import Locale

    from learning.models import ProgrammePage

    pages = ProgrammePage.objects.live().public().filter(translation_key=programme_key)
    return pages.filter(locale=Locale.get_active()).first() or pages.order_by("pk").first()


def public_session_or_404(pk):
    from learning.models import Session

    session = Session.objects.select_related("facilitator").filter(pk=pk).first()
    programme = public_programme(session.programme_key) if session else None
    if programme is None:
        raise Http404
    return session, programme


def session_detail(request, pk):
    session, programme = public_session_or_404(pk)
    learner = current_learner(request)
    row = next(r for r in session_rows(programme, learner) if r["session"].pk == session.pk)
    return render(request, "learning/session_detail.html", {
        "session": session, "programme": programme, "row": row,
        "facilitates": facilitates_session(request.user, session),
    })


@require_POST
@learner_required
def session_book(request, learner, pk):
    session, programme = public_session_or_404(pk)
    try:
        made = booking.book(session, learner, enrol=lambda: enrol(programme, learner))
    except booking.BookingError as error:
        messages.error(request, str(error))
        return redirect(session.get_absolute_url())
    if made.status == BookingStatus.CONFIRMED:
        messages.success(request, _("Your place is booked."))
    else:
        messages.info(request, _("The session is full: you are on the waiting list (number "
                                 "%(n)s). We will e-mail you if a place frees up.") % {
            "n": booking.waiting_position(made)})
    return redirect(session.get_absolute_url())


@require_POST
@learner_required
def booking_cancel(request, learner, pk):
    from learning.models import Booking

    mine = get_object_or_404(Booking.objects.active(), pk=pk, learner=learner)
    try:
        booking.cancel(mine)
    except booking.BookingError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, _("Your booking is cancelled.") if mine.status ==
                         BookingStatus.CONFIRMED else _("You have left the waiting list."))
    if request.POST.get("from") == "dashboard":
        return redirect("learning:dashboard")
    return redirect(mine.session.get_absolute_url())


def session_ical(request, pk):
    session, programme = public_session_or_404(pk)
    return sessions_response([session], request, f"session-{session.pk}.ics")


@learner_required
def my_sessions_ical(request, learner):
    from learning.models import Booking

    sessions = [b.session for b in Booking.objects.filter(
        learner=learner, status=BookingStatus.CONFIRMED).select_related("session")]
    return sessions_response(sessions, request, "my-sessions.ics", private=True)


@signed_in_required
def session_attendance(request, pk):
    """The facilitator's list: tick who is present (learners with a confirmed place)."""
    session = facilitated_session_or_404(request, pk)
    bookings = list(session.bookings.filter(status=BookingStatus.CONFIRMED)
                    .select_related("learner").order_by("learner__name"))
    if request.method == "POST":
        present = set(request.POST.getlist("present"))
        for item in bookings:
            wanted = str(item.pk) in present
            if wanted != (item.attended_at is not None):
                attendance.mark(item, AttendanceMethod.LIST, attended=wanted)
        messages.success(request, _("Attendance saved."))
        return redirect("learning:session_attendance", pk=session.pk)
    return render(request, "learning/session_attendance.html", {
        "session": session, "bookings": bookings,
        "waiting": session.bookings.waiting_order().select_related("learner"),
    })


@signed_in_required
def session_sign_in_sheet(request, pk):
    """A printable list to sign, for when the QR code cannot be used."""
    session = facilitated_session_or_404(request, pk)
    bookings = session.bookings.filter(status=BookingStatus.CONFIRMED).select_related(
        "learner").order_by("learner__name")
    return render(request, "learning/sign_in_sheet.html", {
        "session": session, "bookings": bookings, "blank_rows": range(5)})


@signed_in_required
def session_check_in_code(request, pk):
    """The rotating code shown in the room (the page reloads itself to show the next one)."""
    from django.urls import reverse

    session = facilitated_session_or_404(request, pk)
    now = timezone.now()
    context = {"session": session, "open": attendance.is_open(session, now),
               "refresh": attendance.WINDOW_SECONDS // 2}
    if context["open"]:
        url = request.build_absolute_uri(reverse(
            "learning:session_check_in",
            kwargs={"pk": session.pk, "token": attendance.current_token(session)}))
        context.update(url=url, qr=attendance.qr_svg(url))
    return render(request, "learning/check_in_code.html", context)


@learner_required
def session_check_in(request, learner, pk, token):
    """A learner scanned the code: confirm (POST) to be marked present."""
    from learning.models import Session

    session = get_object_or_404(Session, pk=pk)
    error = None
    if request.method == "POST":
        try:
            attendance.check_in(session, learner, token)
        except attendance.CheckInError as refused:
            error = str(refused)
        else:
            messages.success(request, _("You are checked in. Welcome!"))
            return redirect("learning:dashboard")
    else:
        try:
            attendance.verify(session, token, timezone.now())
        except attendance.CheckInError as refused:
            error = str(refused)
    enrolment = enrolment_for(session.programme, learner)
    return render(request, "learning/check_in.html", {
        "session": session, "token": token, "error": error, "enrolment": enrolment,
        "learner": learner,
    }, status=400 if error and request.method == "POST" else 200)

