"""Profiles are pending until approved; editors approve or reject with a reason; safe export."""

import pytest
from django.core import mail

from network.choices import Status
from network.models import B2BPost, Member
from tests.network.factories import make_member, make_pillar, make_post, make_user, submit

pytestmark = pytest.mark.django_db


@pytest.fixture
def editor_client(client):
    from django.contrib.auth import get_user_model

    admin = get_user_model().objects.create_superuser("editor", "editor@example.org", "pw-12345")
    client.force_login(admin)
    return client


def test_new_profile_is_pending_and_status_cannot_be_set(client):
    user = make_user()
    client.force_login(user)
    pillar = make_pillar()
    response = submit(client, "/en/network/profile/", {
        "member_type": "business", "name": "Fresh Co", "contact_preference": "site",
        "pillars": [pillar.pk], "listed": "on",
        "status": "approved", "approved_at": "2020-01-01", "user": "1",  # ignored
    })
    assert response.status_code == 302, response.context["form"].errors
    member = Member.objects.get(user=user)
    assert member.status == Status.PENDING
    assert member.approved_at is None
    assert client.get(f"/en/network/members/{member.slug}/").status_code == 200  # owner preview
    client.logout()
    assert client.get(f"/en/network/members/{member.slug}/").status_code == 404


def test_profile_bad_input_rerenders_with_errors(client):
    client.force_login(make_user())
    response = submit(client, "/en/network/profile/", {
        "member_type": "nonsense", "name": "", "latitude": "95", "contact_preference": "site",
    })
    assert response.status_code == 200
    errors = response.context["form"].errors
    assert {"member_type", "name", "latitude"} <= set(errors)
    assert not Member.objects.exists()


def test_editing_an_approved_profile_sends_it_back_to_moderation(client):
    member = make_member(status=Status.APPROVED)
    client.force_login(member.user)
    submit(client, "/en/network/profile/", {
        "member_type": "ngo", "name": "Renamed", "contact_preference": "site", "listed": "on",
    })
    member.refresh_from_db()
    assert member.name == "Renamed"
    assert member.status == Status.PENDING


def test_admin_approve_mails_the_member(editor_client):
    member = make_member(status=Status.PENDING)
    url = f"/admin/network/member/approve/{member.pk}/"
    assert editor_client.get(url).status_code == 200
    mail.outbox.clear()
    response = editor_client.post(url, HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 302
    member.refresh_from_db()
    assert member.status == Status.APPROVED and member.approved_at
    assert mail.outbox[0].to == [member.user.email]
    assert "approved" in mail.outbox[0].subject.lower()


def test_admin_reject_needs_a_reason_and_mails_it(editor_client):
    post = make_post(status=Status.PENDING)
    url = f"/admin/network/b2bpost/reject/{post.pk}/"
    response = editor_client.post(url, {"reason": ""})
    assert response.status_code == 200
    assert B2BPost.objects.get(pk=post.pk).status == Status.PENDING
    mail.outbox.clear()
    editor_client.post(url, {"reason": "Please add the quantity."})
    post.refresh_from_db()
    assert post.status == Status.REJECTED
    assert post.rejection_reason == "Please add the quantity."
    assert "Please add the quantity." in mail.outbox[0].body


def test_moderation_views_need_permission(client):
    member = make_member(status=Status.PENDING)
    client.force_login(make_user())
    response = client.post(f"/admin/network/member/approve/{member.pk}/")
    assert response.status_code in (302, 403)
    member.refresh_from_db()
    assert member.status == Status.PENDING


def test_admin_list_filters_and_csv_export_neutralises_formulas(editor_client):
    make_member(name="=HYPERLINK(\"http://evil\")", description="+1 -2 @cmd")
    make_member(name="Plain Ltd", status=Status.PENDING)
    index = editor_client.get("/admin/network/member/?status__exact=pending")
    assert index.status_code == 200
    assert "Plain Ltd" in index.content.decode()
    assert "HYPERLINK" not in index.content.decode()
    response = editor_client.get("/admin/network/member/?export=csv")
    body = b"".join(response.streaming_content).decode()
    assert "'=HYPERLINK" in body
    assert "'+1 -2 @cmd" in body
    assert "\n=" not in body and ",=" not in body


def test_network_menu_lists_moderated_items(editor_client):
    make_member(name="Queued Org", status=Status.PENDING)
    for url in ("/admin/network/member/", "/admin/network/b2bpost/",
                "/admin/network/memberactivity/", "/admin/network/network/",
                "/admin/network/networkmembership/", "/admin/network/contactmessage/"):
        assert editor_client.get(url).status_code == 200, url
    html = editor_client.get("/admin/network/member/").content.decode()
    assert "Queued Org" in html and "/admin/network/member/approve/" in html
