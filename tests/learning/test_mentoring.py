"""Mentoring: the request state machine, automatic declines, reminders and expiry, suggestions,
meetings and hours towards a completion rule, and that nobody but the two sides sees a request.
"""

import datetime as dt

import pytest
import time_machine
from django.utils import timezone

from learning.mentoring import rules
from learning.mentoring.suggest import suggestions, wish_for
from learning.models import MentoringRequest, MentorProfile, RequestState
from network.models import Network, NetworkMembership
from tests.learning.builders import make_lesson, make_programme
from tests.network.factories import make_member
from website.choices import Status
from website.models import ThematicPriority

pytestmark = pytest.mark.django_db


def make_mentor(name="Ментор Иванов", capacity=2, available=True, languages=("bg",),
                levels=("start-up",), themes=(), **fields):
    member = make_member(name=name, language=languages[0] if languages else "", **fields)
    profile = MentorProfile.objects.create(
        member=member, expertise="Кръгова икономика и финансиране", capacity=capacity,
        available=available, languages=list(languages), levels=list(levels),
        status=Status.APPROVED)
    profile.themes.set(themes)
    return profile


def theme(slug, name):
    from wagtail.models import Locale

    locale = Locale.objects.get_or_create(language_code="bg")[0]
    return ThematicPriority.objects.get_or_create(slug=slug, locale=locale,
                                                  defaults={"name": name})[0]


@pytest.fixture
def sent(django_capture_on_commit_callbacks):
    """Run the queued mail's after-commit sending (the test's transaction never commits)."""
    return lambda: django_capture_on_commit_callbacks(execute=True)


def test_a_request_goes_requested_viewed_accepted_completed(mailoutbox, sent):
    mentor = make_mentor()
    learner = make_member(name="Учаща", language="en")
    with sent():
        request = rules.ask(learner, mentor, "Help with a circular business model")
    assert request.state == RequestState.REQUESTED
    rules.mark_viewed(request, learner)  # the learner opening it changes nothing
    assert MentoringRequest.objects.get().state == RequestState.REQUESTED
    request = rules.mark_viewed(request, mentor.member)
    assert request.state == RequestState.VIEWED and request.viewed_at
    with sent():
        request = rules.accept(request)
    assert request.state == RequestState.ACCEPTED and request.answered_at
    with pytest.raises(rules.MentoringError):
        rules.decline(request, "too late")
    with sent():
        request = rules.complete(request, learner)
    assert request.state == RequestState.COMPLETED and request.closed_at
    assert [m.to for m in mailoutbox] == [[mentor.member.user.email], [learner.user.email],
                                         [mentor.member.user.email]]
    # The learner's mail is in the learner's language.
    assert "accepted your mentoring request" in mailoutbox[1].subject


def test_declining_keeps_the_reason_and_a_second_answer_is_refused():
    mentor = make_mentor()
    request = rules.ask(make_member(), mentor, "Please")
    request = rules.decline(request, "Not my field")
    assert (request.state, request.reason, request.declined_automatically) == (
        RequestState.DECLINED, "Not my field", False)
    with pytest.raises(rules.MentoringError):
        rules.accept(request)
    assert MentoringRequest.objects.get().state == RequestState.DECLINED


def test_asking_twice_or_asking_oneself_is_refused_and_changes_nothing():
    mentor = make_mentor()
    learner = make_member()
    rules.ask(learner, mentor, "Please")
    with pytest.raises(rules.MentoringError):
        rules.ask(learner, mentor, "Please again")
    with pytest.raises(rules.MentoringError):
        rules.ask(mentor.member, mentor, "Me")
    with pytest.raises(rules.MentoringError):
        rules.ask(make_member(), mentor, "   ")
    assert MentoringRequest.objects.count() == 1


def test_a_full_mentor_declines_the_waiting_requests_automatically(mailoutbox, sent):
    mentor = make_mentor(capacity=1)
    first = rules.ask(make_member(), mentor, "One")
    second = rules.ask(make_member(language="el"), mentor, "Two")
    with sent():
        rules.accept(first)
    second.refresh_from_db()
    assert second.state == RequestState.DECLINED and second.declined_automatically
    assert second.reason == rules.REASON_FULL
    with pytest.raises(rules.MentoringError):
        rules.ask(make_member(), mentor, "Three")
    greek = [m for m in mailoutbox if m.to == [second.learner.user.email]]
    assert greek and "Ο μέντορας" in greek[0].body


def test_becoming_unavailable_declines_what_waits_but_keeps_running_mentoring(client):
    mentor = make_mentor(capacity=3)
    running = rules.accept(rules.ask(make_member(), mentor, "Running"))
    waiting = rules.ask(make_member(), mentor, "Waiting")
    client.force_login(mentor.member.user)
    response = client.post("/en/learning/mentoring/profile/", {
        "expertise": "Circular economy", "languages": ["bg"], "levels": ["start-up"],
        "capacity": 3})  # "available" unticked
    assert response.status_code == 302
    waiting.refresh_from_db()
    running.refresh_from_db()
    assert waiting.state == RequestState.DECLINED and waiting.declined_automatically
    assert waiting.reason == rules.REASON_UNAVAILABLE
    assert running.state == RequestState.ACCEPTED


def test_an_unanswered_request_is_reminded_then_expires_and_the_learner_is_told(mailoutbox,
                                                                               sent):
    from learning.mentoring.sweep import sweep_mentoring

    mentor = make_mentor()
    learner = make_member(language="en")
    start = timezone.now()
    with time_machine.travel(start, tick=False):
        request = rules.ask(learner, mentor, "Please")
    mailoutbox.clear()
    with sent():
        assert sweep_mentoring(now=start + dt.timedelta(days=4), force=True) == (0, 0)
        assert sweep_mentoring(now=start + rules.REMIND_AFTER + dt.timedelta(hours=1),
                               force=True) == (1, 0)
        assert sweep_mentoring(now=start + rules.REMIND_AFTER + dt.timedelta(hours=2),
                               force=True) == (0, 0)  # reminded once only
    [reminder] = mailoutbox
    assert reminder.to == [mentor.member.user.email]
    mailoutbox.clear()
    with sent():
        assert sweep_mentoring(now=start + rules.EXPIRE_AFTER + dt.timedelta(hours=1),
                               force=True) == (0, 1)
    request.refresh_from_db()
    assert request.state == RequestState.EXPIRED and request.closed_at
    [told] = mailoutbox
    assert told.to == [learner.user.email] and "expired" in told.subject
    with pytest.raises(rules.MentoringError):
        rules.accept(request)


def test_suggestions_rank_by_shared_expertise_language_level_and_free_places():
    circular = theme("circular-economy", "Кръгова икономика")
    digital = theme("digitalisation", "Дигитализация")
    best = make_mentor("Най-подходящ", languages=("en",), levels=("advanced",),
                       themes=[circular])
    good = make_mentor("Подходящ", languages=("bg",), levels=("start-up",), themes=[digital])
    make_mentor("Без места", capacity=1, themes=[circular], languages=("en",),
                levels=("advanced",))
    full = MentorProfile.objects.get(member__name="Без места")
    rules.accept(rules.ask(make_member(), full, "Taken"))
    make_mentor("Недостъпен", available=False, themes=[circular])
    learner = make_member(languages="en")
    learner.themes.set([circular])
    wish = wish_for(learner, level="advanced")
    ranked = suggestions(learner, wish)
    assert [s.mentor for s in ranked] == [best, good]
    assert ranked[0].score > ranked[1].score
    assert any("Кръгова икономика" in reason for reason in ranked[0].reasons)


def test_peer_mentoring_is_between_members_of_the_same_group():
    group = Network.objects.create(name="Текстил", slug="textiles", kind="working-group")
    mentor = make_mentor("Колега")
    insider, outsider = make_member(), make_member()
    for member in (mentor.member, insider):
        NetworkMembership.objects.create(network=group, member=member, status="approved")
    assert [s.mentor for s in suggestions(insider, wish_for(insider), network=group)] == [mentor]
    request = rules.ask(insider, mentor, "Peer help", network=group)
    assert request.network == group
    with pytest.raises(rules.MentoringError):
        rules.ask(outsider, mentor, "Let me in", network=group)


def test_held_meetings_count_as_mentoring_hours_towards_completion(index, mailoutbox):
    from learning.completion import evaluate
    from learning.enrolment import complete_lesson, enrol
    from learning.models import Completion

    programme = make_programme(index["bg"], title="Наставничество", min_mentoring_hours=2,
                               require_quizzes=False)
    lesson = make_lesson(programme)
    mentor = make_mentor()
    learner = make_member()
    enrolment, _created = enrol(programme, learner)
    complete_lesson(enrolment, lesson)
    assert not Completion.objects.exists()
    request = rules.accept(rules.ask(learner, mentor, "Hours", programme=programme))
    rules.log_meeting(request, mentor.member, timezone.now() + dt.timedelta(days=2), 120)
    assert not Completion.objects.exists()  # planned, not held yet
    rules.log_meeting(request, mentor.member, timezone.now() - dt.timedelta(hours=3), 90)
    assert not Completion.objects.exists()  # 1.5 of 2 hours
    rules.log_meeting(request, learner, timezone.now() - dt.timedelta(days=1), 30)
    completion = Completion.objects.get(enrolment=enrolment)
    mentoring = next(p for p in completion.reasons if p["requirement"] == "mentoring")
    assert mentoring["done"] == "2.0" and mentoring["met"] is True
    assert [p["met"] for p in evaluate(enrolment)] == [True, True]


def test_a_mentor_signs_off_a_programme_that_asks_for_it(client, index):
    from learning.enrolment import complete_lesson, enrol
    from learning.models import Completion

    programme = make_programme(index["bg"], title="С подпис", require_signoff=True)
    lesson = make_lesson(programme)
    mentor = make_mentor()
    learner = make_member()
    enrolment, _created = enrol(programme, learner)
    complete_lesson(enrolment, lesson)
    request = rules.accept(rules.ask(learner, mentor, "Sign me", programme=programme))
    client.force_login(learner.user)
    assert client.post(f"/en/learning/mentoring/requests/{request.pk}/sign-off/").status_code \
        == 404
    client.force_login(mentor.member.user)
    response = client.post(f"/en/learning/mentoring/requests/{request.pk}/sign-off/",
                           {"note": "Great work"})
    assert response.status_code == 302
    assert Completion.objects.filter(enrolment=enrolment).exists()


def test_only_the_two_sides_see_a_request_its_meetings_and_actions(client):
    mentor = make_mentor()
    learner = make_member()
    request = rules.accept(rules.ask(learner, mentor, "Private matter"))
    meeting = rules.log_meeting(request, learner, timezone.now() + dt.timedelta(days=1), 60,
                                notes="Secret notes")
    stranger = make_member()
    client.force_login(stranger.user)
    base = f"/en/learning/mentoring/requests/{request.pk}/"
    assert client.get(base).status_code == 404
    for action in ("accept", "decline", "cancel", "complete"):
        assert client.post(base + f"{action}/").status_code == 404
    assert client.post(base + "meeting/", {"starts_at": "2030-01-01T10:00",
                                           "duration_minutes": 60}).status_code == 404
    assert client.post(base + "feedback/", {"rating": 5}).status_code == 404
    assert client.get(f"/en/learning/mentoring/meetings/{meeting.pk}.ics").status_code == 404
    assert MentoringRequest.objects.get().state == RequestState.ACCEPTED
    for member in (learner, mentor.member):
        client.force_login(member.user)
        page = client.get(base)
        assert page.status_code == 200 and "Private matter" in page.content.decode()
        ics = client.get(f"/en/learning/mentoring/meetings/{meeting.pk}.ics")
        assert ics.status_code == 200 and b"BEGIN:VEVENT" in ics.content
        assert member.user.email.encode() not in ics.content


def test_the_learner_cannot_accept_and_the_mentor_cannot_cancel(client):
    mentor = make_mentor()
    learner = make_member()
    request = rules.ask(learner, mentor, "Please")
    client.force_login(learner.user)
    assert client.post(f"/en/learning/mentoring/requests/{request.pk}/accept/").status_code \
        == 404
    client.force_login(mentor.member.user)
    assert client.post(f"/en/learning/mentoring/requests/{request.pk}/cancel/").status_code \
        == 404
    assert MentoringRequest.objects.get().state == RequestState.REQUESTED


def test_both_sides_leave_feedback_once_started(client):
    mentor = make_mentor()
    learner = make_member()
    request = rules.ask(learner, mentor, "Please")
    client.force_login(learner.user)
    early = client.post(f"/en/learning/mentoring/requests/{request.pk}/feedback/",
                        {"rating": 5})
    assert early.status_code == 400
    rules.accept(request)
    bad = client.post(f"/en/learning/mentoring/requests/{request.pk}/feedback/", {"rating": 9})
    assert bad.status_code == 400 and "error-summary" in bad.content.decode()
    client.post(f"/en/learning/mentoring/requests/{request.pk}/feedback/",
                {"rating": 5, "comment": "Very useful"})
    client.force_login(mentor.member.user)
    client.post(f"/en/learning/mentoring/requests/{request.pk}/feedback/",
                {"rating": 4, "comment": "Motivated learner"})
    assert sorted(request.feedback.values_list("role", "rating")) == [("learner", 5),
                                                                     ("mentor", 4)]


def test_asking_through_the_pages(client):
    mentor = make_mentor("Добър Ментор")
    learner = make_member()
    client.force_login(learner.user)
    page = client.get("/en/learning/mentoring/find/").content.decode()
    assert "Добър Ментор" in page
    refused = client.post(f"/en/learning/mentoring/ask/{mentor.pk}/", {"message": ""})
    assert refused.status_code == 400 and not MentoringRequest.objects.exists()
    response = client.post(f"/en/learning/mentoring/ask/{mentor.pk}/",
                           {"message": "I need help with funding"})
    request = MentoringRequest.objects.get()
    assert response.status_code == 302 and response["Location"] == request.get_absolute_url()
    client.force_login(mentor.member.user)
    assert "I need help with funding" in client.get(request.get_absolute_url()).content.decode()
    request.refresh_from_db()
    assert request.state == RequestState.VIEWED
