"""No learner sees or changes another's progress, bookings, answers or reflections (404).

Each learner-owned view is asked for someone else's record by a signed-in
learner, and must answer 404 and change nothing; the facilitators' views
answer 404 to anyone who does not facilitate.
"""

import pytest
from django.test import Client

from learning import booking
from learning.enrolment import enrol
from learning.models import Booking, Enrolment, QuizAttempt, Reflection
from tests.learning.builders import (
    make_lesson,
    make_programme,
    make_session,
    quiz_answers,
    two_question_quiz,
)
from tests.network.factories import make_member

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(index):
    programme = make_programme(index["bg"], title="Партньорства")
    lesson = make_lesson(programme, [two_question_quiz(), {
        "type": "reflection", "id": "9f1c2b4e-7d1a-4d6e-9a51-0c1d2e3f4a5b",
        "value": {"prompt": "What partner do you miss?"}}], title="Урок")
    session = make_session(programme, capacity=3)
    owner, intruder = make_member(name="Owner"), make_member(name="Intruder")
    mine = enrol(programme, owner)[0]
    enrol(programme, intruder)
    my_booking = booking.book(session, owner)
    return {"programme": programme, "lesson": lesson, "session": session, "owner": owner,
            "intruder": intruder, "enrolment": mine, "booking": my_booking}


def test_another_learners_enrolment_is_not_found(client, world):
    client.force_login(world["intruder"].user)
    url = f"/en/learning/enrolments/{world['enrolment'].pk}/"
    assert client.get(url).status_code == 404
    assert client.post(url, {"gender": "male"}).status_code == 404
    assert Enrolment.objects.get(pk=world["enrolment"].pk).gender == ""


def test_another_learners_booking_cannot_be_cancelled(client, world):
    client.force_login(world["intruder"].user)
    response = client.post(f"/en/learning/bookings/{world['booking'].pk}/cancel/")
    assert response.status_code == 404
    assert Booking.objects.get(pk=world["booking"].pk).status == "confirmed"


def test_facilitator_views_are_not_found_for_learners(client, world):
    client.force_login(world["intruder"].user)
    session, programme = world["session"], world["programme"]
    for url in (
        f"/en/learning/sessions/{session.pk}/attendance/",
        f"/en/learning/sessions/{session.pk}/sign-in-sheet/",
        f"/en/learning/sessions/{session.pk}/check-in-code/",
        f"/en/learning/programmes/{programme.pk}/learners/",
    ):
        assert client.get(url).status_code == 404, url
    response = client.post(f"/en/learning/enrolments/{world['enrolment'].pk}/sign-off/")
    assert response.status_code == 404
    assert Enrolment.objects.get(pk=world["enrolment"].pk).signed_off_at is None
    response = client.post(f"/en/learning/sessions/{session.pk}/attendance/",
                           {"present": [world["booking"].pk]})
    assert response.status_code == 404
    assert Booking.objects.get(pk=world["booking"].pk).attended_at is None


def test_answers_and_reflections_stay_with_their_learner(client, world):
    lesson = world["lesson"]
    client.force_login(world["owner"].user)
    quiz_id, right = quiz_answers(lesson)
    client.post(f"{lesson.url}quiz/{quiz_id}/", right)
    client.post(f"{lesson.url}reflection/9f1c2b4e-7d1a-4d6e-9a51-0c1d2e3f4a5b/",
                {"text": "A municipality, secretly."})
    assert QuizAttempt.objects.get().enrolment == world["enrolment"]
    assert Reflection.objects.get().enrolment == world["enrolment"]

    other = Client()  # another browser: nothing carried over from the owner's
    other.force_login(world["intruder"].user)
    page = other.get(lesson.url).content.decode()
    assert "A municipality, secretly." not in page
    assert "Passed" not in page and "100%" not in page
    my_page = other.get("/en/learning/").content.decode()
    assert "Owner" not in my_page


def test_signed_out_visitors_are_sent_to_sign_in(client, world):
    for url in ("/en/learning/", f"/en/learning/enrolments/{world['enrolment'].pk}/",
                "/en/learning/my-sessions.ics"):
        response = client.get(url)
        assert response.status_code == 302 and "/accounts/login/" in response["Location"]
