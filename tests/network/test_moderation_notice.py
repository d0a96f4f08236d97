"""Editors are told what waits (dashboard panel, daily digest) and may moderate the network.

The editor and moderator are users of Wagtail's own "Editors" and "Moderators"
groups, not superusers: the permissions come from the network's migration.
"""

import datetime as dt
import io
import re

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.core import mail
from django.core.management import call_command
from django.test import Client
from django.utils import timezone

from network.choices import Status
from network.models import Member, NetworkMembership
from tests.network.factories import (
    make_activity,
    make_member,
    make_network,
    make_post,
    make_user,
    submit,
)
from website.models import MailKind, OutgoingMail
from website.moderation_digest import send_moderation_digest, sweep_moderation_digest

pytestmark = pytest.mark.django_db


def staff(name, group, language="en"):
    from wagtail.users.models import UserProfile

    user = get_user_model().objects.create_user(name, f"{name}@example.org", "pw-12345-x")
    user.groups.add(Group.objects.get(name=group))
    UserProfile.objects.update_or_create(user=user, defaults={"preferred_language": language})
    client = Client()
    client.force_login(user)
    client.user = user
    return client


@pytest.fixture
def editor():
    return staff("editor", "Editors")


@pytest.fixture
def waiting():
    """Two registrations, one profile edit, two posts (one new, one edited), an event, a request."""
    make_member(status=Status.PENDING)
    make_member(status=Status.PENDING)
    edited = make_member()
    Member.objects.filter(pk=edited.pk).update(pending_changes={"description": "New"})
    make_member(status=Status.REJECTED)  # decided: not counted
    make_post(status=Status.PENDING)
    post = make_post()
    post.__class__.objects.filter(pk=post.pk).update(pending_changes={"title": "New"})
    make_post()  # approved, nothing waits
    make_activity(status=Status.PENDING)
    NetworkMembership.objects.create(network=make_network(), member=edited)


def panel_counts(html):
    section = html[html.index('id="moderation-content"'):]
    section = section[:section.index("</table>")]
    return dict(re.findall(r'<a href="[^"]+">([^<]+)</a></td>\s*<td>(?:<strong>)?(\d+)', section))


@pytest.mark.parametrize("group", ["Editors", "Moderators"])
def test_the_dashboard_counts_what_waits_with_links_to_the_listings(waiting, group):
    client = staff("someone", group)
    html = client.get("/admin/").content.decode()
    assert panel_counts(html) == {
        "New member registrations": "2", "Changes to approved profiles": "1",
        "Offers and needs": "2", "Member events and news": "1",
        "Requests to join groups": "1",
    }
    assert "/admin/network/member/?moderation=new" in html
    listing = client.get("/admin/network/member/?moderation=new").content.decode()
    assert listing.count("/admin/network/member/approve/") == 2
    changes = client.get("/admin/network/member/?moderation=changes").content.decode()
    assert "Approve changes" in changes


def test_the_panel_says_when_nothing_waits(editor):
    assert "Nothing waits for moderation." in editor.get("/admin/").content.decode()


def test_the_panel_is_not_shown_to_who_moderates_nothing(db):
    user = get_user_model().objects.create_user("viewer", "v@example.org", "pw-12345-x")
    user.user_permissions.add(Permission.objects.get(codename="access_admin"))
    client = Client()
    client.force_login(user)
    make_member(status=Status.PENDING)
    html = client.get("/admin/").content.decode()
    assert 'id="moderation-content"' not in html


def test_an_editor_opens_the_network_listings_and_approves_a_member(
    editor, django_capture_on_commit_callbacks
):
    member = make_member(status=Status.PENDING, name="Queued Org")
    for url in ("/admin/network/member/", "/admin/network/b2bpost/",
                "/admin/network/memberactivity/", "/admin/network/network/",
                "/admin/network/networkmembership/", "/admin/network/contactmessage/"):
        assert editor.get(url).status_code == 200, url
    assert "Queued Org" in editor.get("/admin/network/member/").content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        response = editor.post(f"/admin/network/member/approve/{member.pk}/")
    assert response.status_code == 302
    assert Member.objects.get(pk=member.pk).status == Status.APPROVED


def test_a_moderator_rejects_a_post(django_capture_on_commit_callbacks):
    moderator = staff("moderator", "Moderators")
    post = make_post(status=Status.PENDING)
    with django_capture_on_commit_callbacks(execute=True):
        response = moderator.post(f"/admin/network/b2bpost/reject/{post.pk}/",
                                  {"reason": "Too vague"})
    assert response.status_code == 302
    post.refresh_from_db()
    assert post.status == Status.REJECTED and post.rejection_reason == "Too vague"


def test_approving_what_is_approved_already_decides_nothing_and_says_so(editor):
    member = make_member(name="Settled Org")  # approved, nothing waits
    approved_at = member.approved_at
    response = editor.post(f"/admin/network/member/approve/{member.pk}/", follow=True)
    assert "There is nothing to decide on “Settled Org” (status: Approved)." in (
        response.content.decode())
    member.refresh_from_db()
    assert member.approved_at == approved_at and member.status == Status.APPROVED
    assert not OutgoingMail.objects.filter(kind=MailKind.MODERATION).exists()


def test_contact_messages_are_read_only_for_editors(editor):
    from network.relay import send

    message = send(sender=make_member(), sender_email="a@example.org",
                   recipient=make_member(), subject="Hello", body="Hi")
    assert editor.get(f"/admin/network/contactmessage/inspect/{message.pk}/").status_code == 200
    assert editor.get(f"/admin/network/contactmessage/edit/{message.pk}/").status_code in (
        302, 403)
    assert editor.post(f"/admin/network/contactmessage/delete/{message.pk}/").status_code in (
        302, 403)
    assert message.__class__.objects.filter(pk=message.pk).exists()


def test_a_plain_account_cannot_open_or_moderate(client):
    member = make_member(status=Status.PENDING)
    client.force_login(make_member().user)
    assert client.get("/admin/network/member/").status_code == 302  # to the admin login
    client.post(f"/admin/network/member/approve/{member.pk}/")
    assert Member.objects.get(pk=member.pk).status == Status.PENDING


def test_an_editor_edits_a_member_in_the_admin_without_touching_the_decision(editor):
    member = make_member(status=Status.PENDING, name="Old name")
    response = editor.post(f"/admin/network/member/edit/{member.pk}/", {
        "member_type": "ngo", "name": "New name", "slug": member.slug,
        "contact_preference": "site", "listed": "on", "status": "approved",
    })
    assert response.status_code == 302, response.context["form"].errors
    member.refresh_from_db()
    assert member.name == "New name" and member.status == Status.PENDING


# -- the daily digest ---------------------------------------------------------------------


def at(hour, day=0):
    local = timezone.localtime().replace(hour=hour, minute=5) + dt.timedelta(days=day)
    return local


def digests():
    return list(OutgoingMail.objects.filter(kind=MailKind.MODERATION_DIGEST))


def test_the_digest_goes_to_each_moderator_once_a_day(
    waiting, editor, django_capture_on_commit_callbacks
):
    moderator = staff("moderator", "Moderators")
    get_user_model().objects.create_user("plain", "plain@example.org", "pw-12345-x")
    with django_capture_on_commit_callbacks(execute=True):
        assert send_moderation_digest(at(8)) == 2
    assert sorted(m.to[0] for m in mail.outbox) == sorted(
        [editor.user.email, moderator.user.email])
    sent = mail.outbox[0]
    assert sent.subject == "7 items wait for moderation"
    assert "New member registrations: 2" in sent.body
    assert "/admin/network/member/?moderation=new" in sent.body
    assert send_moderation_digest(at(20)) == 0  # once a day
    out = io.StringIO()
    call_command("send_moderation_digest", stdout=out)
    assert "0 moderation digests" in out.getvalue() and len(digests()) == 2
    assert send_moderation_digest(at(8, day=1)) == 2  # the next day


def test_no_digest_when_nothing_waits(editor):
    make_member()  # approved: nothing waits
    assert send_moderation_digest(at(8)) == 0
    assert digests() == []


def test_the_digest_is_in_the_moderators_admin_language(waiting):
    staff("bulgarian", "Editors", language="bg")
    send_moderation_digest(at(8))
    mail_row = digests()[0]
    assert mail_row.language == "bg" and "модерация" in mail_row.subject


def test_the_request_time_sweep_sends_it_after_the_hour(waiting, editor, settings, client):
    settings.MODERATION_DIGEST_HOUR = 7
    assert sweep_moderation_digest(at(6)) is None  # before the hour: not even checked
    assert digests() == []
    assert sweep_moderation_digest(at(9)) == 1
    assert sweep_moderation_digest(at(10)) is None  # checked a moment ago
    from django.core.cache import cache

    cache.clear()  # a lost cache never sends a second digest: the database decides
    assert sweep_moderation_digest(at(11)) == 0
    assert len(digests()) == 1


def test_ordinary_requests_run_the_sweep(waiting, editor, settings, client, site_tree):
    settings.REQUEST_TIME_SWEEPS = ["website.moderation_digest.sweep_moderation_digest"]
    settings.MODERATION_DIGEST_HOUR = 0
    client.get("/en/")
    assert len(digests()) == 1


def test_a_members_new_registration_is_counted_at_once(editor, client):
    user_client = Client()
    user_client.force_login(make_user())
    submit(user_client, "/en/network/profile/", {
        "member_type": "business", "name": "Brand New", "contact_preference": "site",
        "listed": "on"})
    counts = panel_counts(editor.get("/admin/").content.decode())
    assert counts["New member registrations"] == "1"
