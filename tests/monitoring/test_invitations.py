"""Invitation lists: the upload, the one-time links by mail in each language, reminders.

Mail goes through the site's queue and is delivered to Django's in-memory
outbox (``mail.outbox``) when the transaction commits, as in production.
"""

import datetime as dt
import io
import re

import pytest
import time_machine
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.test import Client
from django.utils import timezone

from monitoring import invitations
from monitoring.models import Invitation, Response
from monitoring.sweep import send_invitations
from tests.factories import translate
from tests.monitoring.builders import answer, make_questionnaire, single
from tests.network.factories import make_member

pytestmark = pytest.mark.django_db
QUESTIONS = [single("Q1", "Relevant?", [("yes", "Yes"), ("no", "No")])]


@pytest.fixture
def mailing(django_capture_on_commit_callbacks):
    """Run a block and then its after-commit callbacks (the mail task), as a commit would."""
    return lambda: django_capture_on_commit_callbacks(execute=True)


@pytest.fixture
def invited(surveys):
    return make_questionnaire(surveys, QUESTIONS, mode="invited", title="Competence needs",
                              closes_at=timezone.now() + dt.timedelta(days=30))


def upload(client, page, content, language="en", action="upload"):
    url = f"/admin/monitoring/questionnaires/{page.pk}/invitations/"
    return client.post(url, {"action": action, "language": language,
                             "addresses": SimpleUploadedFile("list.csv", content)})


def test_a_bad_list_is_reported_by_line_and_adds_nothing(editor_client, invited):
    response = upload(editor_client, invited,
                      b"email,language\nana@remo.example,bg\nnot-an-address\nbo@remo.example,fr\n")
    assert response.status_code == 400
    html = response.content.decode()
    # The admin speaks the editor's language: Bulgarian, the site's default.
    assert "Ред 3: „not-an-address“ не е адрес на електронна поща." in html
    assert "Ред 4: Непознат език „fr“" in html
    assert not Invitation.objects.exists() and not mail.outbox


@pytest.mark.parametrize("content", [b"", b"\xff\xfe\x00b\x00a\x00d", b"x" * (2 * 1024 * 1024 + 1)])
def test_an_empty_binary_or_huge_file_adds_nothing(editor_client, invited, content):
    assert upload(editor_client, invited, content).status_code == 400
    assert not Invitation.objects.exists()


def test_invitations_go_out_in_each_language_with_a_link_that_works(
        editor_client, invited, mailing):
    translate(invited, "bg", title="Нужди от компетенции")
    member = make_member(contact_email="Office@Rodopa.example")
    with mailing():
        response = upload(editor_client, invited, (
            b"ana@remo.example;bg\nBo@Remo.example\nbo@remo.example\noffice@rodopa.example;en\n"
        ))
    assert response.status_code == 302
    assert Invitation.objects.count() == 3  # the repeated address is invited once
    assert Invitation.objects.get(email="office@rodopa.example").member == member
    assert sorted(message.to[0] for message in mail.outbox) == [
        "ana@remo.example", "bo@remo.example", "office@rodopa.example"]
    bulgarian = next(m for m in mail.outbox if m.to == ["ana@remo.example"])
    assert bulgarian.subject == "Покана: Нужди от компетенции"
    english = next(m for m in mail.outbox if m.to == ["bo@remo.example"])
    assert english.subject == "Invitation: Competence needs"
    link = re.search(r"https?://\S+\?token=\S+", english.body).group(0)
    path = link.split("://", 1)[1].split("/", 1)[1]
    browser = Client()
    assert answer(browser, invited, {"q.Q1": "yes"}, url="/" + path).status_code == 302
    assert Invitation.objects.get(email="bo@remo.example").completed
    # Uploading the same list again invites no one twice.
    mail.outbox.clear()
    with mailing():
        upload(editor_client, invited, b"bo@remo.example\n")
    assert Invitation.objects.count() == 3 and not mail.outbox


def test_reminders_go_to_those_who_have_not_answered_at_most_max_times(invited, mailing):
    invited.reminder_days, invited.max_reminders = 7, 2
    invited.save_revision().publish()
    waiting = Invitation.objects.create(questionnaire_key=invited.questionnaire_key,
                                        email="late@remo.example", language="en")
    done = Invitation.objects.create(questionnaire_key=invited.questionnaire_key,
                                     email="done@remo.example", language="en")
    start = timezone.now()
    with time_machine.travel(start, tick=False):
        assert invitations.send_due() == (2, 0)
    Invitation.objects.filter(pk=done.pk).update(completed=True)
    mail.outbox.clear()
    with time_machine.travel(start + dt.timedelta(days=3), tick=False):
        assert invitations.send_due() == (0, 0)
    for days in (7, 14, 21, 28):
        with time_machine.travel(start + dt.timedelta(days=days, minutes=1), tick=False), \
                mailing():
            invitations.send_due()
    assert [m.subject for m in mail.outbox] == ["Reminder: " + invited.title] * 2
    assert {tuple(m.to) for m in mail.outbox} == {("late@remo.example",)}
    waiting.refresh_from_db()
    assert waiting.reminders_sent == 2


def test_nothing_is_mailed_while_the_questionnaire_is_not_open(surveys):
    upcoming = make_questionnaire(surveys, QUESTIONS, mode="invited",
                                  opens_at=timezone.now() + dt.timedelta(days=2))
    Invitation.objects.create(questionnaire_key=upcoming.questionnaire_key,
                              email="early@remo.example", language="en")
    assert invitations.send_due() == (0, 0)
    with time_machine.travel(timezone.now() + dt.timedelta(days=3)):
        assert invitations.send_due() == (1, 0)


def test_the_editor_reminds_everyone_now(editor_client, invited, mailing):
    Invitation.objects.create(questionnaire_key=invited.questionnaire_key,
                              email="late@remo.example", language="en",
                              invited_at=timezone.now() - dt.timedelta(hours=2),
                              last_mailed_at=timezone.now() - dt.timedelta(hours=2))
    with mailing():
        response = editor_client.post(
            f"/admin/monitoring/questionnaires/{invited.pk}/invitations/", {"action": "remind"})
    assert response.status_code == 302
    assert [m.to for m in mail.outbox] == [["late@remo.example"]]


def test_the_sweep_and_the_command_send_what_is_due(invited, mailing):
    Invitation.objects.create(questionnaire_key=invited.questionnaire_key,
                              email="a@remo.example", language="en")
    with mailing():
        assert send_invitations() == (1, 0)
    assert send_invitations() is None  # not due again for a while
    Invitation.objects.create(questionnaire_key=invited.questionnaire_key,
                              email="b@remo.example", language="en")
    with mailing():
        call_command("send_survey_invitations", stdout=io.StringIO())
    assert sorted(m.to[0] for m in mail.outbox) == ["a@remo.example", "b@remo.example"]


def test_the_request_time_sweep_runs_from_ordinary_requests(settings, client, invited, mailing):
    settings.REQUEST_TIME_SWEEPS = ["monitoring.sweep.send_invitations"]
    Invitation.objects.create(questionnaire_key=invited.questionnaire_key,
                              email="a@remo.example", language="en")
    with mailing():
        client.get("/en/")
    assert [m.to for m in mail.outbox] == [["a@remo.example"]]


def test_the_invitation_list_needs_its_permission_and_an_invited_questionnaire(
        client, editor_client, surveys, invited):
    open_page = make_questionnaire(surveys, QUESTIONS)
    # A 404 under /admin/ goes through the site's language redirect, then is a 404.
    assert editor_client.get(f"/admin/monitoring/questionnaires/{open_page.pk}/invitations/",
                             follow=True).status_code == 404
    assert editor_client.get(
        f"/admin/monitoring/questionnaires/{invited.pk}/invitations/").status_code == 200
    assert not Response.objects.exists()
