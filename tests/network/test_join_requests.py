"""A request to join a working group reaches someone: its coordinator, else the staff.

Mail goes through the real queue into Django's test outbox; the member's
confirmation must say who was really told.
"""

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core import mail

from network.choices import Status
from network.models import NetworkMembership
from tests.network.factories import make_member, make_network
from website.models import MailKind, OutgoingMail, SiteSettings

pytestmark = pytest.mark.django_db


def join(client, group):
    return client.post(f"/en/network/groups/{group.slug}/join/", follow=True)


def moderator(email="mod@example.org", group="Moderators"):
    user = get_user_model().objects.create_user(email, email, "pw-12345-x")
    user.groups.add(Group.objects.get(name=group))
    return user


def page_messages(response):
    return [str(m) for m in response.context["messages"]]


def test_the_request_goes_to_a_coordinator_who_can_sign_in(
    member_client, django_capture_on_commit_callbacks
):
    coordinator = make_member(name="Cluster Office", language="en")
    group = make_network(name="Textiles WG", coordinator=coordinator)
    moderator()  # staff exist, but the coordinator decides
    with django_capture_on_commit_callbacks(execute=True):
        response = join(member_client, group)
    assert NetworkMembership.objects.get(network=group).status == Status.PENDING
    assert [m.to for m in mail.outbox] == [[coordinator.user.email]]
    sent = mail.outbox[0]
    assert member_client.member.name in sent.subject and "Textiles WG" in sent.subject
    assert f"/en/network/groups/{group.slug}/" in sent.body
    assert any("coordinator, Cluster Office, is told" in m for m in page_messages(response))


def test_a_coordinator_without_an_account_means_the_staff_are_told(
    member_client, django_capture_on_commit_callbacks
):
    """The demo's case: the cluster coordinates every working group but has no account."""
    coordinator = make_member(name="Cluster", with_user=False, contact_email="c@example.org")
    group = make_network(coordinator=coordinator)
    staff = [moderator(), moderator("editor@example.org", "Editors")]
    get_user_model().objects.create_user("plain", "plain@example.org", "pw-12345-x")
    with django_capture_on_commit_callbacks(execute=True):
        response = join(member_client, group)
    assert sorted(m.to[0] for m in mail.outbox) == sorted(u.email for u in staff)
    assert all("/admin/network/networkmembership/?status=pending" in m.body for m in mail.outbox)
    assert any("centre's staff are told" in m for m in page_messages(response))
    assert not any("coordinator" in m and "is told" in m for m in page_messages(response))


def test_with_no_staff_account_the_centre_address_is_told(
    member_client, site_tree, django_capture_on_commit_callbacks
):
    from wagtail.models import Site

    settings_row = SiteSettings.for_site(Site.objects.get(is_default_site=True))
    settings_row.contact_email = "centre@example.org"
    settings_row.save()
    group = make_network()
    with django_capture_on_commit_callbacks(execute=True):
        response = join(member_client, group)
    assert [m.to for m in mail.outbox] == [["centre@example.org"]]
    assert any("centre's staff are told" in m for m in page_messages(response))


def test_with_nobody_to_write_to_the_member_is_not_told_it_was_sent(
    member_client, django_capture_on_commit_callbacks
):
    group = make_network()
    with django_capture_on_commit_callbacks(execute=True):
        response = join(member_client, group)
    assert not OutgoingMail.objects.exists()
    assert NetworkMembership.objects.filter(network=group, status=Status.PENDING).exists()
    messages = page_messages(response)
    assert any("will find it among the requests waiting" in m for m in messages)
    assert not any("sent" in m or "told" in m for m in messages)


def test_asking_twice_mails_once(member_client, django_capture_on_commit_callbacks):
    group = make_network(coordinator=make_member())
    with django_capture_on_commit_callbacks(execute=True):
        join(member_client, group)
        response = join(member_client, group)
    assert OutgoingMail.objects.filter(kind=MailKind.MODERATION).count() == 1
    assert any("asked to join already" in m for m in page_messages(response))


def test_the_coordinator_decides_and_the_member_is_told(
    client, member_client, django_capture_on_commit_callbacks
):
    coordinator = make_member(name="Cluster Office")
    group = make_network(coordinator=coordinator)
    join(member_client, group)
    membership = NetworkMembership.objects.get(network=group)
    client.force_login(coordinator.user)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        client.post(f"/en/network/groups/{group.slug}/requests/{membership.pk}/",
                    {"decision": "approve"})
    membership.refresh_from_db()
    assert membership.status == Status.APPROVED and membership.approved_at
    assert mail.outbox[-1].to == [member_client.member.user.email]
