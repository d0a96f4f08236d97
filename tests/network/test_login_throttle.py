"""Login throttling across accounts and IPs, for allauth's login and Wagtail's /admin/login/.

Real requests through the test client with a real database and cache; the
client IP is the request's REMOTE_ADDR. "The window passes" is time travel
(time-machine), since a test cannot wait a quarter of an hour.
"""

import datetime as dt
import logging

import pytest
import time_machine
from django.contrib.auth import get_user_model
from django.core.exceptions import NON_FIELD_ERRORS
from django.test import Client
from django.utils import timezone

from tests.network.factories import PASSWORD, make_user

pytestmark = pytest.mark.django_db

LOGIN = "/en/accounts/login/"
ADMIN_LOGIN = "/admin/login/"
ATTACKER, OFFICE = "203.0.113.66", "198.51.100.7"


def member_login(email, password, ip):
    client = Client()
    response = client.post(LOGIN, {"login": email, "password": password}, REMOTE_ADDR=ip)
    return client, response


def admin_login(username, password, ip):
    client = Client()
    response = client.post(
        ADMIN_LOGIN, {"username": username, "password": password}, REMOTE_ADDR=ip
    )
    return client, response


def signed_in(client):
    return "_auth_user_id" in client.session


def refused(response, code):
    form = response.context["form"]
    return response.status_code == 200 and form.has_error(NON_FIELD_ERRORS, code)


@pytest.fixture
def accounts():
    return make_user("victim@example.org"), make_user("colleague@example.org")


def test_failures_for_one_account_do_not_lock_out_another_on_the_same_ip(accounts):
    for _ in range(40):
        member_login("victim@example.org", "wrong-password", ATTACKER)
    client, response = member_login("colleague@example.org", PASSWORD, ATTACKER)
    assert response.status_code == 302 and signed_in(client)


def test_failures_from_one_ip_do_not_lock_the_owner_out_elsewhere(accounts):
    for _ in range(40):
        member_login("victim@example.org", "wrong-password", ATTACKER)
    client, response = member_login("victim@example.org", PASSWORD, OFFICE)
    assert response.status_code == 302 and signed_in(client)


def test_too_many_failures_for_an_account_from_one_ip_are_refused_until_the_window_passes(
    accounts,
):
    for _ in range(5):
        _client, response = member_login("Victim@Example.org ", "wrong-password", ATTACKER)
        assert response.status_code == 200 and not refused(response, "too_many_login_attempts")
    client, response = member_login("victim@example.org", PASSWORD, ATTACKER)
    assert refused(response, "too_many_login_attempts") and not signed_in(client)
    with time_machine.travel(timezone.now() + dt.timedelta(minutes=5), tick=False):
        client, response = member_login("victim@example.org", PASSWORD, ATTACKER)
        assert refused(response, "too_many_login_attempts")
    with time_machine.travel(timezone.now() + dt.timedelta(minutes=31), tick=False):
        client, response = member_login("victim@example.org", PASSWORD, ATTACKER)
        assert response.status_code == 302 and signed_in(client)


def test_a_spray_across_accounts_from_one_ip_is_refused(accounts, settings):
    settings.LOGIN_THROTTLE = {"ip": (10, 3600)}
    for number in range(10):
        member_login(f"guess{number}@example.org", "wrong-password", ATTACKER)
    client, response = member_login("colleague@example.org", PASSWORD, ATTACKER)
    assert refused(response, "too_many_login_attempts") and not signed_in(client)
    client, response = member_login("colleague@example.org", PASSWORD, OFFICE)
    assert signed_in(client)


def test_every_failed_login_is_logged_without_the_password(accounts, caplog):
    caplog.set_level(logging.WARNING, logger="website.login_throttle")
    member_login("Victim@Example.org", "s3cret-guess", ATTACKER)
    admin_login("nobody", "an0ther-guess", OFFICE)
    failures = [r.getMessage() for r in caplog.records if "login failed" in r.getMessage()]
    assert len(failures) == 2
    assert "'victim@example.org'" in failures[0] and ATTACKER in failures[0]
    assert "'nobody'" in failures[1] and OFFICE in failures[1]
    assert not any("guess" in message for message in caplog.messages)


@pytest.fixture
def editors():
    user_model = get_user_model()
    return (
        user_model.objects.create_superuser("editor", "editor@example.org", PASSWORD),
        user_model.objects.create_superuser("other", "other@example.org", PASSWORD),
    )


def test_admin_login_is_throttled_even_for_the_right_password(editors):
    for attempt in range(40):
        client, response = admin_login("editor", f"wrong-{attempt}", ATTACKER)
        assert response.status_code == 200 and not signed_in(client)
    client, response = admin_login("editor", PASSWORD, ATTACKER)
    assert refused(response, "throttled") and not signed_in(client)
    # Another account on the same IP is not blocked, nor the editor elsewhere.
    client, response = admin_login("other", PASSWORD, ATTACKER)
    assert response.status_code == 302 and signed_in(client)
    client, response = admin_login("editor", PASSWORD, OFFICE)
    assert response.status_code == 302 and signed_in(client)
    with time_machine.travel(timezone.now() + dt.timedelta(minutes=31), tick=False):
        client, response = admin_login("editor", PASSWORD, ATTACKER)
        assert response.status_code == 302 and signed_in(client)


def test_admin_and_member_login_share_an_accounts_count(editors):
    from allauth.account.models import EmailAddress

    EmailAddress.objects.create(
        user=editors[0], email="editor@example.org", verified=True, primary=True
    )
    for _ in range(5):
        admin_login("editor", "wrong-password", ATTACKER)
    client, response = member_login("editor@example.org", PASSWORD, ATTACKER)
    assert refused(response, "too_many_login_attempts") and not signed_in(client)


def test_a_password_reset_lifts_the_owners_lockout(accounts, django_capture_on_commit_callbacks):
    import re

    from django.core import mail

    for _ in range(5):
        member_login("victim@example.org", "forgotten-it", OFFICE)
    assert refused(member_login("victim@example.org", PASSWORD, OFFICE)[1],
                   "too_many_login_attempts")
    client = Client(REMOTE_ADDR=OFFICE)
    with django_capture_on_commit_callbacks(execute=True):
        client.post("/en/accounts/password/reset/", {"email": "victim@example.org"})
    link = re.search(r"https?://testserver(/\S+/password/reset/key/\S+/)", mail.outbox[-1].body)
    set_password = client.get(link.group(1))["Location"]
    new_password = "a-Brand-new-passw0rd!"
    response = client.post(set_password, {"password1": new_password, "password2": new_password})
    assert response.status_code == 302
    client, response = member_login("victim@example.org", new_password, OFFICE)
    assert response.status_code == 302 and signed_in(client)
