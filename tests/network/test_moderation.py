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


def test_editing_an_approved_profile_waits_for_moderation_and_keeps_it_public(client):
    member = make_member(status=Status.APPROVED, name="Original")
    client.force_login(member.user)
    submit(client, "/en/network/profile/", {
        "member_type": "ngo", "name": "Renamed", "contact_preference": "site", "listed": "on",
    })
    member.refresh_from_db()
    assert member.name == "Original" and member.status == Status.APPROVED
    assert member.pending_changes == {"member_type": "ngo", "name": "Renamed"}


def test_admin_approve_mails_the_member(editor_client, django_capture_on_commit_callbacks):
    member = make_member(status=Status.PENDING, language="en")
    url = f"/admin/network/member/approve/{member.pk}/"
    assert editor_client.get(url).status_code == 200
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        response = editor_client.post(url, HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 302
    member.refresh_from_db()
    assert member.status == Status.APPROVED and member.approved_at
    assert mail.outbox[0].to == [member.user.email]
    assert "approved" in mail.outbox[0].subject.lower()


def test_admin_reject_needs_a_reason_and_mails_it(editor_client, django_capture_on_commit_callbacks):
    post = make_post(status=Status.PENDING)
    url = f"/admin/network/b2bpost/reject/{post.pk}/"
    response = editor_client.post(url, {"reason": ""})
    assert response.status_code == 200
    assert B2BPost.objects.get(pk=post.pk).status == Status.PENDING
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        editor_client.post(url, {"reason": "Please add the quantity."})
    post.refresh_from_db()
    assert post.status == Status.REJECTED
    assert post.rejection_reason == "Please add the quantity."
    assert "Please add the quantity." in mail.outbox[0].body


def test_english_member_gets_english_mail_from_an_editor_working_in_bulgarian(
    editor_client, django_capture_on_commit_callbacks
):
    from django.test import Client
    from wagtail.users.models import UserProfile

    user, member_client = make_user(), Client()
    member_client.force_login(user)
    submit(member_client, "/en/network/profile/", {  # the member works on the English site
        "member_type": "business", "name": "English Ltd", "contact_preference": "site",
        "listed": "on",
    })
    member = Member.objects.get(user=user)
    editor = editor_client.session["_auth_user_id"]
    UserProfile.objects.update_or_create(user_id=editor, defaults={"preferred_language": "bg"})
    with django_capture_on_commit_callbacks(execute=True):
        response = editor_client.post(
            f"/admin/network/member/approve/{member.pk}/", HTTP_ACCEPT_LANGUAGE="bg"
        )
    assert response.status_code == 302
    assert "е одобрен" in editor_client.get(response["Location"]).content.decode()  # admin in bg
    sent = mail.outbox[-1]
    assert sent.to == [user.email]
    assert sent.subject == "Approved: English Ltd"
    assert "has been approved and is now visible" in sent.body


def test_a_title_with_line_breaks_cannot_break_the_mail_header(
    editor_client, django_capture_on_commit_callbacks
):
    post = make_post(status=Status.PENDING, title="Pallets\r\nBcc: spy@evil.example\r\n")
    with django_capture_on_commit_callbacks(execute=True):
        response = editor_client.post(f"/admin/network/b2bpost/approve/{post.pk}/")
    assert response.status_code == 302
    assert B2BPost.objects.get(pk=post.pk).status == Status.APPROVED
    sent = mail.outbox[-1]
    assert "\n" not in sent.subject and "\r" not in sent.subject
    assert sent.subject.endswith("Pallets Bcc: spy@evil.example")
    message = sent.message()
    assert message["Bcc"] is None and sent.recipients() == [post.member.user.email]


def test_approval_stands_and_its_mail_waits_when_the_mail_server_is_down(
    editor_client, dead_smtp, django_capture_on_commit_callbacks
):
    """SMTP really down: connection refused on a closed loopback port."""
    from website.models import MailKind, MailStatus, OutgoingMail

    member = make_member(status=Status.PENDING)
    with django_capture_on_commit_callbacks(execute=True):
        response = editor_client.post(f"/admin/network/member/approve/{member.pk}/")
    assert response.status_code == 302
    assert Member.objects.get(pk=member.pk).status == Status.APPROVED
    queued = OutgoingMail.objects.get(kind=MailKind.MODERATION)
    assert queued.status == MailStatus.QUEUED and "refused" in queued.last_error.lower()


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
    index = editor_client.get("/admin/network/member/?status=pending")
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
