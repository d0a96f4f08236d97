"""Booking sessions: capacity, the waiting list, promotion with an e-mail, cancelling.

The concurrency tests run real threads against the file database (each thread
its own connection): on SQLite the immediate transactions serialise the
writers, on PostgreSQL the session row's ``SELECT ... FOR UPDATE`` does.
"""

import datetime as dt
import threading

import pytest
from django.core import mail
from django.db import connection
from django.utils import timezone

from learning import booking
from learning.choices import BookingStatus
from learning.models import Booking, Enrolment
from tests.learning.builders import build_index, make_programme, make_session
from tests.network.factories import make_member


@pytest.fixture
def session(index):
    programme = make_programme(index["bg"], title="Набиране на средства")
    return make_session(programme, capacity=2)


def statuses(session):
    return list(session.bookings.order_by("pk").values_list("learner__name", "status"))


@pytest.mark.django_db
def test_places_then_waiting_list_in_order(session):
    people = [make_member(name=f"Learner {n}") for n in range(4)]
    made = [booking.book(session, person) for person in people]
    assert [b.status for b in made] == ["confirmed", "confirmed", "waiting", "waiting"]
    assert [booking.waiting_position(b) for b in made] == [None, None, 1, 2]
    # Booking again changes nothing.
    assert booking.book(session, people[0]).pk == made[0].pk
    assert Booking.objects.count() == 4


@pytest.mark.django_db
def test_a_freed_place_goes_to_the_first_waiting_with_an_email(session, django_capture_on_commit_callbacks):
    first, second, third, fourth = (make_member(name=f"L{n}") for n in range(4))
    for person in (first, second, third, fourth):
        booking.book(session, person)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        promoted = booking.cancel(Booking.objects.get(learner=first))
    assert [b.learner for b in promoted] == [third]
    assert Booking.objects.get(learner=third).status == BookingStatus.CONFIRMED
    assert Booking.objects.get(learner=third).promoted_at is not None
    assert Booking.objects.get(learner=fourth).status == BookingStatus.WAITING
    assert [m.to for m in mail.outbox] == [[third.user.email]]
    assert session.title in mail.outbox[0].body


@pytest.mark.django_db
def test_leaving_the_waiting_list_frees_no_place(session, django_capture_on_commit_callbacks):
    people = [make_member() for _n in range(4)]
    for person in people:
        booking.book(session, person)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        assert booking.cancel(Booking.objects.get(learner=people[2])) == []
    assert Booking.objects.get(learner=people[3]).status == BookingStatus.WAITING
    assert mail.outbox == []


@pytest.mark.django_db
def test_no_cancelling_a_place_after_the_deadline(session):
    session.cancel_until = timezone.now() - dt.timedelta(minutes=1)
    session.save()
    mine = booking.book(session, make_member())
    with pytest.raises(booking.BookingError):
        booking.cancel(mine)
    assert Booking.objects.get(pk=mine.pk).status == BookingStatus.CONFIRMED
    # Staff may still cancel (the learner told the facilitator).
    booking.cancel(mine, by_staff=True)
    assert Booking.objects.get(pk=mine.pk).status == BookingStatus.CANCELLED


@pytest.mark.django_db
def test_no_booking_a_session_that_started_or_was_cancelled(index):
    programme = make_programme(index["bg"])
    started = make_session(programme, starts_in=-dt.timedelta(minutes=5))
    with pytest.raises(booking.BookingError):
        booking.book(started, make_member())
    cancelled = make_session(programme, cancelled=True)
    with pytest.raises(booking.BookingError):
        booking.book(cancelled, make_member())
    assert not Booking.objects.exists()


@pytest.mark.django_db
def test_raising_the_capacity_moves_the_waiting_list_up(session, django_capture_on_commit_callbacks):
    people = [make_member() for _n in range(4)]
    for person in people:
        booking.book(session, person)
    with django_capture_on_commit_callbacks(execute=True):
        session.capacity = 3
        session.save()
    assert Booking.objects.get(learner=people[2]).status == BookingStatus.CONFIRMED
    assert Booking.objects.get(learner=people[3]).status == BookingStatus.WAITING


@pytest.mark.django_db
def test_booking_through_the_page_enrols_and_says_so(learner_client, session):
    response = learner_client.post(f"/en/learning/sessions/{session.pk}/book/", follow=True)
    assert "Your place is booked." in response.content.decode()
    assert Enrolment.objects.filter(learner=learner_client.learner).count() == 1
    for _n in range(2):
        booking.book(session, make_member())
    other = make_member()
    learner_client.force_login(other.user)
    response = learner_client.post(f"/en/learning/sessions/{session.pk}/book/", follow=True)
    assert "you are on the waiting list (number 2)" in response.content.decode()


def run_in_threads(functions):
    errors = []
    barrier = threading.Barrier(len(functions))

    def run(function):
        try:
            barrier.wait()
            function()
        except Exception as exc:  # noqa: BLE001 - every failure is reported below
            errors.append(repr(exc))
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(f,)) for f in functions]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return errors


@pytest.mark.django_db(transaction=True)
def test_parallel_bookings_confirm_exactly_the_capacity():
    index = build_index()
    session = make_session(make_programme(index["bg"]), capacity=3)
    people = [make_member(name=f"Parallel {n}") for n in range(10)]
    errors = run_in_threads([lambda p=p: booking.book(session, p) for p in people])
    assert errors == []
    assert session.bookings.filter(status=BookingStatus.CONFIRMED).count() == 3
    waiting = list(session.bookings.waiting_order())
    assert len(waiting) == 7
    assert len({b.learner_id for b in session.bookings.all()}) == 10


@pytest.mark.django_db(transaction=True)
def test_parallel_cancellations_promote_the_first_waiting():
    index = build_index()
    session = make_session(make_programme(index["bg"]), capacity=3)
    people = [make_member(name=f"Queue {n}") for n in range(8)]
    for person in people:
        booking.book(session, person)
    first_waiting = [b.learner_id for b in session.bookings.waiting_order()]
    assert first_waiting == [p.pk for p in people[3:]]
    mail.outbox.clear()
    leaving = list(session.bookings.filter(status=BookingStatus.CONFIRMED)[:2])
    newcomer = make_member(name="Latecomer")
    errors = run_in_threads(
        [lambda b=b: booking.cancel(b) for b in leaving]
        + [lambda: booking.book(session, newcomer)]
    )
    assert errors == []
    confirmed = set(session.bookings.filter(status=BookingStatus.CONFIRMED)
                    .values_list("learner_id", flat=True))
    assert len(confirmed) == 3
    # The two places went to the first two waiting, never to the latecomer.
    assert set(first_waiting[:2]) <= confirmed
    assert newcomer.pk not in confirmed
    assert sorted(m.to[0] for m in mail.outbox) == sorted(
        p.user.email for p in people if p.pk in first_waiting[:2])


@pytest.mark.django_db
def test_cancelling_from_my_learning_page(learner_client, session):
    mine = booking.book(session, learner_client.learner)
    html = learner_client.get("/en/learning/").content.decode()
    assert f"/learning/bookings/{mine.pk}/cancel/" in html
    response = learner_client.post(f"/en/learning/bookings/{mine.pk}/cancel/", {"from": "dashboard"})
    assert response["Location"] == "/en/learning/"
    assert Booking.objects.get(pk=mine.pk).status == BookingStatus.CANCELLED
