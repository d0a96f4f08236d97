"""The Learning menu in the admin: sessions edited with the rules, learners' records read-only."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from learning import booking
from learning.enrolment import enrol
from learning.models import Booking, Session
from tests.learning.builders import make_programme, make_session
from tests.network.factories import make_member

pytestmark = pytest.mark.django_db


def session_form(programme, **fields):
    start = timezone.localtime() + dt.timedelta(days=3)
    data = {
        "programme": programme.pk, "title": "Семинар в Пловдив", "description": "",
        "starts_at": start.strftime("%Y-%m-%d %H:%M"),
        "ends_at": (start + dt.timedelta(hours=2)).strftime("%Y-%m-%d %H:%M"),
        "place": "Пловдив", "online_url": "", "capacity": "10", "cancel_until": "",
        "facilitator": "",
    }
    data.update(fields)
    return data


def test_an_editor_adds_a_session(admin_client, index):
    programme = make_programme(index["bg"])
    assert admin_client.get(reverse("learning_sessions:add")).status_code == 200
    response = admin_client.post(reverse("learning_sessions:add"), session_form(programme))
    assert response.status_code == 302
    assert Session.objects.get().programme_key == programme.translation_key


def test_a_session_without_place_or_link_is_refused(admin_client, index):
    programme = make_programme(index["bg"])
    response = admin_client.post(reverse("learning_sessions:add"),
                                 session_form(programme, place=""))
    assert response.status_code == 200
    assert not Session.objects.exists()


def test_raising_the_capacity_in_the_admin_promotes_the_waiting(admin_client, index,
                                                                 django_capture_on_commit_callbacks):
    programme = make_programme(index["bg"])
    session = make_session(programme, capacity=1)
    first, second = make_member(), make_member()
    booking.book(session, first)
    booking.book(session, second)
    data = session_form(programme, capacity="2", title=session.title,
                        starts_at=timezone.localtime(session.starts_at).strftime("%Y-%m-%d %H:%M"),
                        ends_at=timezone.localtime(session.ends_at).strftime("%Y-%m-%d %H:%M"))
    with django_capture_on_commit_callbacks(execute=True):
        response = admin_client.post(reverse("learning_sessions:edit", args=[session.pk]), data)
    assert response.status_code == 302
    assert Booking.objects.get(learner=second).status == "confirmed"


def test_learners_records_are_listed_but_not_edited(admin_client, index):
    programme = make_programme(index["bg"])
    enrolment = enrol(programme, make_member(name="Видим участник"), gender="female")[0]
    listing = admin_client.get(reverse("learning_enrolments:index")).content.decode()
    assert "Видим участник" in listing
    assert "female" not in listing and "Жена" not in listing
    assert admin_client.get(reverse("learning_enrolments:edit", args=[enrolment.pk])).status_code in (
        302, 403)
    assert admin_client.get(reverse("learning_bookings:index")).status_code == 200


def test_editors_take_attendance_without_a_member_profile(admin_client, index):
    programme = make_programme(index["bg"])
    session = make_session(programme)
    present = make_member(name="Присъстващ")
    booking.book(session, present, enrol=lambda: enrol(programme, present))
    for view in ("attendance", "sign-in-sheet", "check-in-code"):
        response = admin_client.get(f"/bg/learning/sessions/{session.pk}/{view}/")
        assert response.status_code == 200, view
    html = admin_client.get(f"/bg/learning/programmes/{programme.pk}/learners/").content.decode()
    assert "Присъстващ" in html
