"""Registration, verification, consent and no account enumeration (allauth)."""

import re

import pytest
from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model
from django.core import mail

from network.models import Consent
from tests.network.factories import make_user

pytestmark = pytest.mark.django_db

SIGNUP = "/en/accounts/signup/"


def signup(client, email="new@example.org", consent=True):
    data = {"email": email, "password1": "a-Long-passw0rd!", "password2": "a-Long-passw0rd!"}
    if consent:
        data["consent"] = "on"
    return client.post(SIGNUP, data)


def test_signup_sends_verification_and_records_consent(client):
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
