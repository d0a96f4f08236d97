"""Mentor profiles are ``Moderated``: learners are offered only what an editor approved.

A new profile waits and is not suggested (nor can it be asked through its
URL); an approved profile's edit waits while learners read the approved
version, and capacity and availability apply at once; editors of Wagtail's
own groups (permissions from the learning migration, not superusers) approve
and reject in the admin, the mentor is mailed the decision and its reason; the
queue is counted on the dashboard panel and in the daily digest; the profiles
that existed before moderation are approved by the migration.
"""

import importlib

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core import mail
from django.test import Client

from learning.mentoring import rules
from learning.mentoring.suggest import suggestions, wish_for
from learning.models import MentoringRequest, MentorProfile, RequestState
from tests.network.factories import make_member
from website.choices import Status
from website.moderation import waiting_for
from website.moderation_digest import send_moderation_digest

pytestmark = pytest.mark.django_db

PROFILE = {"expertise": "Кръгови бизнес модели", "languages": ["bg"], "levels": ["start-up"],
           "capacity": 2, "available": "on"}


@pytest.fixture
def sent(django_capture_on_commit_callbacks):
    return lambda: django_capture_on_commit_callbacks(execute=True)


def staff(name, group="Editors"):
    from wagtail.users.models import UserProfile

    user = get_user_model().objects.create_user(name, f"{name}@example.org", "pw-12345-x")
    user.groups.add(Group.objects.get(name=group))
    UserProfile.objects.update_or_create(user=user, defaults={"preferred_language": "en"})
    client = Client()
    client.force_login(user)
    client.user = user
    return client


def offer(client, **changes):
    return client.post("/en/learning/mentoring/profile/", {**PROFILE, **changes})


def suggested(learner):
    return [s.mentor.pk for s in suggestions(learner, wish_for(learner, language="bg"))]


def new_mentor(client, name="Ментор Петров"):
    member = make_member(name=name, language="bg")
    client.force_login(member.user)
    assert offer(client).status_code == 302
    return MentorProfile.objects.get(member=member)


def test_a_new_profile_waits_and_is_not_offered_until_approved(client):
    mentor = new_mentor(client)
    assert mentor.status == Status.PENDING and mentor.submitted_at
    learner = make_member(name="Учаща", language="bg")
    assert suggested(learner) == []
    with pytest.raises(rules.MentoringError):
        rules.ask(learner, mentor, "Please")
    page = client.get("/en/learning/mentoring/").content.decode()
    assert "Pending approval" in page
    client.force_login(learner.user)
    assert "Ментор Петров" not in client.get("/en/learning/mentoring/find/").content.decode()
    assert client.get(f"/en/learning/mentoring/ask/{mentor.pk}/").status_code == 404
    mentor.approve()
    assert suggested(learner) == [mentor.pk]
    assert "Ментор Петров" in client.get("/en/learning/mentoring/find/").content.decode()


def test_an_approved_profiles_edit_waits_while_learners_read_the_approved_version(client):
    mentor = new_mentor(client)
    mentor.approve()
    response = offer(client, expertise="Нещо съвсем друго", languages=["bg", "en"],
                     capacity=5)
    assert response.status_code == 302
    mentor.refresh_from_db()
    assert mentor.status == Status.APPROVED and mentor.has_pending_changes
    assert mentor.expertise == "Кръгови бизнес модели" and mentor.languages == ["bg"]
    assert mentor.pending_changes == {"expertise": "Нещо съвсем друго",
                                      "languages": ["bg", "en"]}
    assert mentor.capacity == 5  # how many at once applies at once
    # The mentor's next edit starts from the waiting one, and sees what waits.
    form = client.get("/en/learning/mentoring/profile/").content.decode()
    assert "Нещо съвсем друго" in form and "Your changes waiting for approval" in form
    learner = make_member(name="Учаща", language="bg")
    assert suggested(learner) == [mentor.pk]
    client.force_login(learner.user)
    find = client.get("/en/learning/mentoring/find/").content.decode()
    assert "Кръгови бизнес модели" in find and "Нещо съвсем друго" not in find
    assert mentor.approve() is True
    mentor.refresh_from_db()
    assert mentor.expertise == "Нещо съвсем друго" and mentor.languages == ["bg", "en"]


def test_switching_off_availability_applies_at_once_on_an_approved_profile(client):
    mentor = new_mentor(client)
    mentor.approve()
    waiting = rules.ask(make_member(), mentor, "Please")
    assert offer(client, available="").status_code == 302
    mentor.refresh_from_db()
    assert mentor.available is False and not mentor.has_pending_changes
    waiting.refresh_from_db()
    assert waiting.state == RequestState.DECLINED


def test_an_editor_approves_in_the_admin_and_the_mentor_is_mailed(client, sent):
    mentor = new_mentor(client)
    editor = staff("editor")
    listing = editor.get("/admin/learning/mentors/?moderation=waiting").content.decode()
    assert f"/admin/learning/mentors/approve/{mentor.pk}/" in listing
    page = editor.get(f"/admin/learning/mentors/approve/{mentor.pk}/")
    assert page.status_code == 200
    with sent():
        response = editor.post(f"/admin/learning/mentors/approve/{mentor.pk}/",
                               {"seen": mentor.submission_token})
    assert response.status_code == 302
    mentor.refresh_from_db()
    assert mentor.status == Status.APPROVED and mentor.approved_at
    [message] = mail.outbox
    assert message.to == [mentor.member.user.email]
    assert "Вашият профил на ментор е одобрен" in message.subject  # the mentor's language


def test_a_moderator_rejects_with_a_reason_mailed_and_waiting_requests_are_declined(client,
                                                                                     sent):
    mentor = new_mentor(client)
    mentor.approve()
    waiting = rules.ask(make_member(language="en"), mentor, "Please")
    moderator = staff("moderator", "Moderators")
    mail.outbox.clear()
    with sent():
        response = moderator.post(f"/admin/learning/mentors/reject/{mentor.pk}/",
                                  {"reason": "Опишете опита си по-конкретно."})
    assert response.status_code == 302
    mentor.refresh_from_db()
    assert mentor.status == Status.REJECTED
    assert mentor.rejection_reason == "Опишете опита си по-конкретно."
    to_mentor = next(m for m in mail.outbox if m.to == [mentor.member.user.email])
    assert "Опишете опита си по-конкретно." in to_mentor.body
    waiting.refresh_from_db()
    assert waiting.state == RequestState.DECLINED and waiting.declined_automatically
    assert "Опишете опита си" in client.get("/en/learning/mentoring/").content.decode()


def test_rejecting_only_the_edit_keeps_the_approved_version_offered(client, sent):
    mentor = new_mentor(client)
    mentor.approve()
    offer(client, expertise="Реклама")
    mentor.refresh_from_db()
    editor = staff("editor")
    with sent():
        editor.post(f"/admin/learning/mentors/reject/{mentor.pk}/", {"reason": "Не е по темата"})
    mentor.refresh_from_db()
    assert mentor.status == Status.APPROVED and not mentor.has_pending_changes
    assert mentor.expertise == "Кръгови бизнес модели"
    assert "not approved" in mail.outbox[-1].subject or "не бяха одобрени" in (
        mail.outbox[-1].subject)


def test_a_plain_member_cannot_approve_a_profile(client):
    mentor = new_mentor(client)
    other = Client()
    other.force_login(make_member().user)
    other.post(f"/admin/learning/mentors/approve/{mentor.pk}/")
    mentor.refresh_from_db()
    assert mentor.status == Status.PENDING


def test_the_dashboard_panel_and_the_digest_count_waiting_profiles(client, sent):
    new_mentor(client, "Нов ментор")
    edited = new_mentor(client, "Одобрен ментор")
    edited.approve()
    offer(client, expertise="Промяна")
    editor = staff("editor")
    counts = {queue.name: count for queue, count in waiting_for(editor.user)}
    assert counts["mentor-profiles"] == 2
    html = editor.get("/admin/").content.decode()
    assert "Mentor profiles" in html and "/admin/learning/mentors/?moderation=waiting" in html
    with sent():
        send_moderation_digest()
    digest = next(m for m in mail.outbox if m.to == [editor.user.email])
    assert "Mentor profiles: 2" in digest.body


def test_the_migration_approves_the_profiles_that_existed_before_moderation():
    from django.apps import apps

    migration = importlib.import_module("learning.migrations.0008_mentor_profiles_moderated")
    profile = MentorProfile.objects.create(member=make_member(), expertise="x",
                                           languages=["bg"], levels=["start-up"])
    assert profile.status == Status.PENDING
    migration.approve_existing(apps, None)
    profile.refresh_from_db()
    assert profile.status == Status.APPROVED and profile.approved_at == profile.created_at


def test_the_demo_mentor_loads_approved_and_is_offered():
    from learning.mentoring import demo

    make_member(name="Мария Петрова", import_id=demo.MENTOR, language="bg")
    learner = make_member(name="Втора кройка", import_id=demo.LEARNER, language="bg")
    demo.load(log=lambda *args: None)
    mentor = MentorProfile.objects.get(member__import_id=demo.MENTOR)
    assert mentor.status == Status.APPROVED
    assert MentoringRequest.objects.filter(mentor=mentor, learner=learner).exists()
    assert suggested(make_member(language="bg")) == [mentor.pk]


def test_an_editor_inspects_and_switches_availability_but_never_adds_or_deletes(client):
    mentor = new_mentor(client)
    mentor.approve()
    waiting = rules.ask(make_member(), mentor, "Please")
    editor = staff("editor")
    inspect = editor.get(f"/admin/learning/mentors/inspect/{mentor.pk}/")
    assert inspect.status_code == 200 and "Кръгови бизнес модели" in inspect.content.decode()
    response = editor.post(f"/admin/learning/mentors/edit/{mentor.pk}/", {})  # unticked
    assert response.status_code == 302
    mentor.refresh_from_db()
    assert mentor.available is False and mentor.status == Status.APPROVED
    waiting.refresh_from_db()
    assert waiting.state == RequestState.DECLINED  # as the mentor's own switch does
    assert editor.get("/admin/learning/mentors/add/").status_code in (302, 403)
    editor.post(f"/admin/learning/mentors/delete/{mentor.pk}/")
    assert MentorProfile.objects.filter(pk=mentor.pk).exists()
