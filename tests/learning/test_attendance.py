"""Attendance: the rotating, signed check-in code and the facilitator's list."""

import datetime as dt
import re

import pytest
import time_machine
from django.utils import timezone, translation

from learning import attendance, booking
from learning.choices import AttendanceMethod
from learning.models import Booking, Completion, ProgrammeFacilitator
from tests.learning.builders import make_programme, make_session
from tests.network.factories import make_member

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def english():
    with translation.override("en"):
        yield

START = dt.datetime(2026, 5, 12, 10, 0, tzinfo=dt.UTC)


@pytest.fixture
def session(index):
    programme = make_programme(index["bg"], title="Социална оценка на въздействието",
                               min_attendance_percent=100, require_lessons=False)
    with time_machine.travel(START - dt.timedelta(days=10), tick=False):
        return make_session(programme, capacity=5, starts_at=START,
                            ends_at=START + dt.timedelta(hours=3))


def code_at(session, moment):
    with time_machine.travel(moment, tick=False):
        return attendance.current_token(session)


def test_the_current_and_the_previous_code_are_accepted(session):
    now = START + dt.timedelta(minutes=20, seconds=30)
    attendance.verify(session, code_at(session, now), now)
    attendance.verify(session, code_at(session, now - dt.timedelta(seconds=60)), now)


def test_an_older_code_is_refused(session):
    now = START + dt.timedelta(minutes=20)
    with pytest.raises(attendance.CheckInError, match="expired"):
        attendance.verify(session, code_at(session, now - dt.timedelta(seconds=121)), now)


def test_the_code_rotates_every_window(session):
    moments = [START + dt.timedelta(seconds=60 * n) for n in range(3)]
    codes = {code_at(session, moment) for moment in moments}
    assert len(codes) == 3


def test_codes_are_refused_outside_the_sessions_time(session):
    too_early = START - dt.timedelta(minutes=31)
    with pytest.raises(attendance.CheckInError, match="while the session runs"):
        attendance.verify(session, code_at(session, too_early), too_early)
    after = START + dt.timedelta(hours=3, seconds=1)
    with pytest.raises(attendance.CheckInError, match="while the session runs"):
        attendance.verify(session, code_at(session, after), after)


def test_a_code_of_another_session_is_refused(session):
    other = make_session(session.programme, starts_at=START, ends_at=START + dt.timedelta(hours=3))
    now = START + dt.timedelta(minutes=5)
    with pytest.raises(attendance.CheckInError):
        attendance.verify(session, code_at(other, now), now)


def test_scanning_checks_in_only_the_signed_in_learner(client, session):
    mine, theirs = make_member(), make_member()
    with time_machine.travel(START - dt.timedelta(days=1), tick=False):
        booking.book(session, mine, enrol=lambda: None)
        booking.book(session, theirs)
        from learning.enrolment import enrol

        enrol(session.programme, mine)
    now = START + dt.timedelta(minutes=2)
    code = code_at(session, now)
    client.force_login(mine.user)
    with time_machine.travel(now, tick=False):
        url = f"/en/learning/sessions/{session.pk}/check-in/{code}/"
        assert "I am here" in client.get(url).content.decode()
        client.post(url)
    assert Booking.objects.get(learner=mine).attendance_method == AttendanceMethod.QR
    assert Booking.objects.get(learner=theirs).attended_at is None
    # Attending the only session meets the rule (100 % of the sessions).
    assert Completion.objects.get(enrolment__learner=mine).reasons[0]["requirement"] == (
        "attendance")


def test_an_expired_code_marks_nothing_and_says_why(client, session):
    mine = make_member()
    with time_machine.travel(START - dt.timedelta(days=1), tick=False):
        booking.book(session, mine)
    code = code_at(session, START)
    client.force_login(mine.user)
    with time_machine.travel(START + dt.timedelta(minutes=5), tick=False):
        response = client.post(f"/en/learning/sessions/{session.pk}/check-in/{code}/")
    assert response.status_code == 400
    assert "This code has expired" in response.content.decode()
    assert Booking.objects.get(learner=mine).attended_at is None


def test_the_room_page_shows_a_qr_code_to_the_facilitator_only(client, session):
    facilitator = make_member(name="Facilitator")
    session.facilitator = facilitator
    session.save()
    url = f"/en/learning/sessions/{session.pk}/check-in-code/"
    client.force_login(make_member().user)
    assert client.get(url).status_code == 404
    client.force_login(facilitator.user)
    with time_machine.travel(START + dt.timedelta(minutes=1), tick=False):
        page = client.get(url).content.decode()
        code = attendance.current_token(session)
    assert "<svg" in page and "<path" in page
    assert f"/check-in/{code}/" in page
    assert re.search(r'<meta http-equiv="refresh" content="\d+">', page)


def test_the_facilitator_marks_attendance_on_the_list(client, index):
    programme = make_programme(index["bg"], min_attendance_percent=50, require_lessons=False)
    facilitator = make_member(name="Programme facilitator")
    ProgrammeFacilitator.objects.create(page=programme, member=facilitator)
    first = make_session(programme, capacity=5)
    make_session(programme, capacity=5)
    learners = [make_member(name=f"Present {n}") for n in range(2)]
    from learning.enrolment import enrol

    for learner in learners:
        enrol(programme, learner)
        booking.book(first, learner)
    url = f"/en/learning/sessions/{first.pk}/attendance/"
    client.force_login(learners[0].user)
    assert client.get(url).status_code == 404
    assert client.post(url, {"present": [b.pk for b in first.bookings.all()]}).status_code == 404
    assert not Booking.objects.filter(attended_at__isnull=False).exists()
    client.force_login(facilitator.user)
    mark = Booking.objects.get(learner=learners[0])
    client.post(url, {"present": [mark.pk]})
    mark.refresh_from_db()
    assert mark.attendance_method == AttendanceMethod.LIST
    assert Booking.objects.get(learner=learners[1]).attended_at is None
    # One of two sessions is 50 %: the rule is met for that learner only.
    assert list(Completion.objects.values_list("enrolment__learner", flat=True)) == [
        learners[0].pk]


def test_the_sign_in_sheet_lists_the_confirmed_places(client, index):
    programme = make_programme(index["bg"])
    session = make_session(programme, capacity=1, facilitator=make_member(name="Host"))
    booking.book(session, make_member(name="Has a place"))
    booking.book(session, make_member(name="Waits"))
    client.force_login(session.facilitator.user)
    page = client.get(f"/bg/learning/sessions/{session.pk}/sign-in-sheet/").content.decode()
    assert "Has a place" in page and "Waits" not in page
    assert timezone.localtime(session.starts_at).strftime("%Y") in page
