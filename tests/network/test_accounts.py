"""Registration, verification, consent, no account enumeration, and account mail (allauth).

Account mail goes through the outgoing-mail queue after commit, so requests
run inside ``django_capture_on_commit_callbacks(execute=True)`` to send it.
"""

import datetime as dt
import re

import pytest
from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model
from django.core import mail
from django.utils import timezone

from network.models import Consent
from tests.network.factories import make_user
from tests.network.hashers import CountingHasher
from website.mail import send_due
from website.models import MailKind, MailStatus, OutgoingMail

pytestmark = pytest.mark.django_db

SIGNUP = "/en/accounts/signup/"


def signup(client, email="new@example.org", consent=True):
    data = {"email": email, "password1": "a-Long-passw0rd!", "password2": "a-Long-passw0rd!"}
    if consent:
        data["consent"] = "on"
    return client.post(SIGNUP, data)


def test_signup_sends_verification_and_records_consent(client, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        response = signup(client)
    assert response.status_code == 302
    user = get_user_model().objects.get(email="new@example.org")
    assert len(mail.outbox) == 1
    assert "new@example.org" in mail.outbox[0].to
    link = re.search(r"https?://\S+/accounts/confirm-email/\S+/", mail.outbox[0].body).group(0)
    consent = Consent.objects.get(user=user)
    assert consent.version and "stores the data" in consent.wording
    assert not EmailAddress.objects.get(user=user).verified
    # Follow the link: the address is verified and the member lands on the dashboard flow.
    path = link.split("testserver", 1)[-1]
    response = client.post(path)
    assert response.status_code == 302
    assert EmailAddress.objects.get(user=user).verified


def test_signup_without_consent_rerenders_with_errors(client):
    response = signup(client, consent=False)
    assert response.status_code == 200
    assert "consent" in response.context["form"].errors
    assert not get_user_model().objects.filter(email="new@example.org").exists()


def test_login_requires_verified_address(client):
    make_user("unverified@example.org", verified=False)
    mail.outbox.clear()
    response = client.post(
        "/en/accounts/login/", {"login": "unverified@example.org", "password": "a-Long-passw0rd!"}
    )
    assert response.status_code == 302
    assert "confirm-email" in response["Location"] or "verification" in response["Location"]
    assert "_auth_user_id" not in client.session


def test_password_reset_same_answer_for_known_and_unknown(client):
    make_user("known@example.org")
    known = client.post("/en/accounts/password/reset/", {"email": "known@example.org"})
    unknown = client.post("/en/accounts/password/reset/", {"email": "nobody@example.org"})
    assert known.status_code == unknown.status_code == 302
    assert known["Location"] == unknown["Location"]


def test_signup_with_existing_address_does_not_reveal_it(client):
    make_user("taken@example.org")
    response = signup(client, email="taken@example.org")
    # Same redirect to "verification sent" as for a new address (prevent enumeration).
    assert response.status_code == 302
    assert get_user_model().objects.filter(email="taken@example.org").count() == 1


def test_account_pages_use_site_layout(client):
    response = client.get("/en/accounts/login/")
    content = response.content.decode()
    assert '<main id="main"' in content
    assert 'for="id_login"' in content


def later(minutes=30):
    return timezone.now() + dt.timedelta(minutes=minutes)


def test_signup_answers_normally_when_the_mail_server_is_down(
    client, dead_smtp, working_smtp, django_capture_on_commit_callbacks
):
    """SMTP really down (connection refused on loopback); the retry uses the in-memory backend."""
    with django_capture_on_commit_callbacks(execute=True):
        response = signup(client)
    assert response.status_code == 302
    assert "confirm-email" in response["Location"]
    user = get_user_model().objects.get(email="new@example.org")
    assert Consent.objects.filter(user=user).exists()
    queued = OutgoingMail.objects.get(kind=MailKind.ACCOUNT)
    assert queued.to == ["new@example.org"]
    assert queued.status == MailStatus.QUEUED and queued.attempts == 1
    assert "refused" in queued.last_error.lower()
    assert "/en/accounts/confirm-email/" in queued.body

    working_smtp()
    assert send_due(now=later()) == 1
    assert send_due(now=later(600)) == 0  # exactly once
    assert len(mail.outbox) == 1 and mail.outbox[0].to == ["new@example.org"]
    assert re.search(r"/en/accounts/confirm-email/\S+/", mail.outbox[0].body)
    queued.refresh_from_db()
    assert queued.status == MailStatus.SENT and queued.body == ""  # the link is not kept


def test_password_reset_answers_normally_when_the_mail_server_is_down(
    client, dead_smtp, working_smtp, django_capture_on_commit_callbacks
):
    make_user("known@example.org")
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/en/accounts/password/reset/", {"email": "known@example.org"})
    assert response.status_code == 302
    queued = OutgoingMail.objects.get(kind=MailKind.ACCOUNT)
    assert queued.to == ["known@example.org"]
    assert queued.status == MailStatus.QUEUED and "refused" in queued.last_error.lower()
    working_smtp()
    assert send_due(now=later()) == 1
    assert send_due(now=later(600)) == 0
    assert len(mail.outbox) == 1
    assert "/en/accounts/password/reset/key/" in mail.outbox[0].body


def test_signup_does_the_same_work_for_known_and_unknown_addresses(
    client, settings, django_capture_on_commit_callbacks
):
    """Timing is measured in bench/signup_timing.py; here: one hash and one mail each way."""
    make_user("taken@example.org")
    settings.PASSWORD_HASHERS = ["tests.network.hashers.CountingHasher"]
    hashes, mails, locations = {}, {}, {}
    for email in ("taken@example.org", "fresh@example.org"):
        CountingHasher.calls = 0
        before = OutgoingMail.objects.count()
        with django_capture_on_commit_callbacks(execute=True):
            response = signup(client, email=email)
        assert response.status_code == 302
        hashes[email], locations[email] = CountingHasher.calls, response["Location"]
        mails[email] = OutgoingMail.objects.count() - before
    assert hashes == {"taken@example.org": 1, "fresh@example.org": 1}
    assert mails == {"taken@example.org": 1, "fresh@example.org": 1}
    assert locations["taken@example.org"] == locations["fresh@example.org"]


def test_account_mail_is_in_the_language_of_the_page(client, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        client.post("/el/accounts/signup/", {
            "email": "greek@example.org", "password1": "a-Long-passw0rd!",
            "password2": "a-Long-passw0rd!", "consent": "on",
        })
    sent = mail.outbox[0]
    assert re.search("[\u0370-\u03ff]", sent.subject), sent.subject  # Greek
    assert "/el/accounts/confirm-email/" in sent.body
    assert sent.extra_headers["Content-Language"] == "el"


def test_admin_password_reset_goes_through_the_queue_when_the_mail_server_is_down(
    client, dead_smtp, working_smtp, django_capture_on_commit_callbacks
):
    """Wagtail's own "forgotten password" mail takes the same queue (SMTP really down)."""
    get_user_model().objects.create_superuser("editor", "editor@example.org", "pw-12345-x")
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/admin/password_reset/", {"email": "editor@example.org"})
    assert response.status_code == 302
    queued = OutgoingMail.objects.get(kind=MailKind.OTHER)
    assert queued.to == ["editor@example.org"] and queued.status == MailStatus.QUEUED
    assert "refused" in queued.last_error.lower()
    working_smtp()
    assert send_due(now=later()) == 1 and len(mail.outbox) == 1
    assert "/admin/password_reset/confirm/" in mail.outbox[0].body
