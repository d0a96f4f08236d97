"""iCal files of sessions, the learner's dashboard and the learning panel on the member's one."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from icalendar import Calendar

from learning import booking
from learning.blocks import VideoBlock
from learning.enrolment import enrol
from tests.learning.builders import make_lesson, make_programme, make_session
from tests.network.factories import make_member

pytestmark = pytest.mark.django_db


def events(response):
    assert response["Content-Type"].startswith("text/calendar")
    return list(Calendar.from_ical(response.content).walk("VEVENT"))


def test_a_sessions_ical_file(client, index):
    programme = make_programme(index["bg"])
    session = make_session(programme, title="Семинар", online_url="https://meet.example.org/x")
    [event] = events(client.get(f"/bg/learning/sessions/{session.pk}.ics"))
    assert str(event["summary"]) == "Семинар"
    assert event.decoded("dtstart") == session.starts_at.replace(microsecond=0)
    assert str(event.decoded("dtstart").tzinfo) == "Europe/Sofia"
    assert "meet.example.org" not in event.to_ical().decode()  # public file: no link


def test_the_learners_calendar_has_their_places_with_the_online_link(learner_client, index):
    programme = make_programme(index["bg"])
    mine = make_session(programme, capacity=1, title="Моят", online_url="https://meet.example.org/m")
    full = make_session(programme, capacity=1, title="Пълен")
    booking.book(full, make_member())
    booking.book(mine, learner_client.learner)
    booking.book(full, learner_client.learner)  # waiting: not in the calendar
    found = events(learner_client.get("/bg/learning/my-sessions.ics"))
    assert [str(e["summary"]) for e in found] == ["Моят"]
    assert "meet.example.org/m" in found[0].to_ical().decode()


def test_sessions_of_unpublished_programmes_are_not_found(client, index):
    programme = make_programme(index["bg"])
    session = make_session(programme)
    programme.unpublish()
    assert client.get(f"/bg/learning/sessions/{session.pk}/").status_code == 404
    assert client.get(f"/bg/learning/sessions/{session.pk}.ics").status_code == 404


def test_the_member_dashboard_shows_the_learning_panel(learner_client, index):
    programme = make_programme(index["bg"], title="Моята програма")
    make_lesson(programme)
    enrol(programme, learner_client.learner)
    html = learner_client.get("/bg/network/").content.decode()
    assert "Вашето обучение" in html and "Моята програма" in html
    assert "0 от 1 урока преминати" in html


def test_video_needs_a_file_with_captions_or_a_link():
    block = VideoBlock()
    with pytest.raises(ValidationError):
        block.clean({"title": "x", "video": None, "captions": None, "link": "", "transcript": ""})
    assert block.clean({"title": "x", "video": None, "captions": None,
                        "link": "https://video.example.org/1", "transcript": ""})


def test_an_uploaded_video_without_captions_is_refused(db):
    from django.core.files.base import ContentFile
    from wagtail.documents.models import Document

    video = Document.objects.create(title="v", file=ContentFile(b"\x00\x00", name="clip.mp4"))
    captions = Document.objects.create(title="c", file=ContentFile(b"WEBVTT\n", name="clip.vtt"))
    block = VideoBlock()
    with pytest.raises(ValidationError):
        block.clean({"title": "x", "video": video, "captions": None, "link": "",
                     "transcript": ""})
    assert block.clean({"title": "x", "video": video, "captions": captions, "link": "",
                        "transcript": ""})


def test_booking_closes_when_the_session_starts(learner_client, index):
    programme = make_programme(index["bg"])
    session = make_session(programme, starts_in=-dt.timedelta(minutes=1))
    learner_client.post(f"/bg/learning/sessions/{session.pk}/book/")
    assert not session.bookings.exists()
