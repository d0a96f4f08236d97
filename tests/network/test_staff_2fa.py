"""Editors and admins can be required to use two-factor authentication (REQUIRE_STAFF_2FA)."""

import pytest
from allauth.mfa.models import Authenticator
from django.contrib.auth import get_user_model
from django.contrib.messages import get_messages
from django.urls import reverse
from django.utils import translation

from tests.network.factories import make_member

pytestmark = pytest.mark.django_db

ACTIVATE = "/accounts/2fa/totp/activate/"


@pytest.fixture
def required(settings):
    settings.REQUIRE_STAFF_2FA = True
    settings.WAGTAILADMIN_LOGIN_URL = "account_login"


@pytest.fixture
def editor(site_tree):
    return get_user_model().objects.create_superuser("editor", "editor@example.org", "pw-42-xyz")


def with_totp(user):
    Authenticator.objects.create(user=user, type=Authenticator.Type.TOTP, data={"secret": "x"})
    return user


def test_staff_without_authenticator_is_sent_to_set_one_up(client, required, editor):
    client.force_login(editor)
    response = client.get("/admin/", HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 302
    assert response["Location"].endswith(ACTIVATE)
    assert any("two-factor" in str(m) for m in get_messages(response.wsgi_request))
    # The two-factor pages stay reachable (no loop back to the admin).
    page = client.get(response["Location"])
    assert page.status_code in (200, 302)
    assert not page.get("Location", "").startswith("/admin/")
    # So does logging out of the admin.
    logout = client.post("/admin/logout/")
    assert ACTIVATE not in logout.get("Location", "")


def test_staff_pages_deeper_in_the_admin_are_covered_too(client, required, editor):
    client.force_login(editor)
    response = client.get(f"/admin/pages/{site_tree_root_id()}/")
    assert response.status_code == 302 and response["Location"].endswith(ACTIVATE)


def site_tree_root_id():
    from wagtail.models import Page

    return Page.get_first_root_node().pk


def test_staff_without_authenticator_passes_when_not_required(client, settings, editor):
    settings.REQUIRE_STAFF_2FA = False
    client.force_login(editor)
    assert client.get("/admin/").status_code == 200


def test_staff_with_authenticator_passes(client, required, editor):
    client.force_login(with_totp(editor))
    assert client.get("/admin/").status_code == 200


def test_member_is_unaffected(client, required):
    member = make_member()
    client.force_login(member.user)
    response = client.get("/admin/")
    # Wagtail turns a non-editor away as before, never to the two-factor set-up.
    assert ACTIVATE not in response.get("Location", "")
    assert client.get(reverse("network:dashboard")).status_code == 200


def test_admin_login_goes_through_allauth_when_required(client, required):
    with translation.override("en"):
        login = reverse("account_login")
    response = client.get("/admin/login/?next=/admin/pages/", HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 302
    assert response["Location"] == f"{login}?next=%2Fadmin%2Fpages%2F"
    # A foreign "next" is not followed.
    response = client.get("/admin/login/?next=https://evil.example/", HTTP_ACCEPT_LANGUAGE="en")
    assert response["Location"] == f"{login}?next=%2Fadmin%2F"
    # The admin itself sends anonymous visitors to allauth's login.
    response = client.get("/admin/", HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 302 and response["Location"].startswith(login)


def test_admin_login_page_is_wagtails_when_not_required(client, settings):
    settings.REQUIRE_STAFF_2FA = False
    assert client.get("/admin/login/").status_code == 200


def test_staff_signing_in_for_the_admin_passes_the_code_stage(client, required, editor):
    import time

    from allauth.account.models import EmailAddress
    from allauth.mfa.totp.internal.auth import (
        TOTP,
        format_hotp_value,
        generate_totp_secret,
        hotp_value,
    )

    EmailAddress.objects.create(user=editor, email=editor.email, verified=True, primary=True)
    secret = generate_totp_secret()
    TOTP.activate(editor, secret)
    with translation.override("en"):
        login, code_stage = reverse("account_login"), reverse("mfa_authenticate")

    response = client.post(
        f"{login}?next=/admin/", {"login": "editor@example.org", "password": "pw-42-xyz"}
    )
    assert response.status_code == 302 and response["Location"] == code_stage
    assert "/accounts/login/" in client.get("/admin/")["Location"]  # not signed in yet

    code = format_hotp_value(hotp_value(secret, int(time.time()) // 30))
    response = client.post(code_stage, {"code": code})
    assert response.status_code == 302 and response["Location"] == "/admin/"
    assert client.get("/admin/").status_code == 200
