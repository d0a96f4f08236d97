"""Pages restricted to the "Approved members" group: open to approved members only."""

import pytest
from django.contrib.auth.models import Group
from wagtail.models import PageViewRestriction

from network import moderation
from network.choices import Status
from network.gdpr import delete_account
from network.signal_handlers import APPROVED_MEMBERS_GROUP
from tests.factories import make_page
from tests.network.factories import make_member, make_user
from website.models import StandardPage

pytestmark = pytest.mark.django_db

SECRET = "Minutes of the members assembly"


@pytest.fixture
def members_only(site_tree):
    page = make_page(site_tree["en"], StandardPage, title="Assembly", slug="assembly", intro=SECRET)
    restriction = PageViewRestriction.objects.create(
        page=page, restriction_type=PageViewRestriction.GROUPS)
    restriction.groups.set([Group.objects.get(name=APPROVED_MEMBERS_GROUP)])
    return page


def opens(client, user):
    client.force_login(user)
    response = client.get("/en/assembly/")
    client.logout()
    return response.status_code == 200 and SECRET in response.content.decode()


def in_group(user):
    return user.groups.filter(name=APPROVED_MEMBERS_GROUP).exists()


def test_the_group_exists_without_permissions(db):
    group = Group.objects.get(name=APPROVED_MEMBERS_GROUP)
    assert not group.permissions.exists()


def test_only_approved_members_open_the_page(client, members_only):
    approved = make_member(status=Status.APPROVED)
    pending = make_member(status=Status.PENDING)
    account_only = make_user()
    assert opens(client, approved.user)
    assert not opens(client, pending.user)
    assert not opens(client, account_only)
    anonymous = client.get("/en/assembly/")
    assert anonymous.status_code == 302 and SECRET not in anonymous.content.decode()


def test_approval_rejection_and_editing_move_the_account_in_and_out(client, members_only):
    member = make_member(status=Status.PENDING)
    assert not opens(client, member.user)
    moderation.approve(member)
    assert in_group(member.user) and opens(client, member.user)
    moderation.reject(member, "Not a cluster member")
    assert not in_group(member.user) and not opens(client, member.user)
    moderation.approve(member)
    assert opens(client, member.user)

    # A profile edit waits for moderation while the approved profile stays: so does the account.
    client.force_login(member.user)
    response = client.post("/en/network/profile/", {
        "member_type": member.member_type, "name": "Renamed", "contact_preference": "site",
        "listed": "on"})
    assert response.status_code == 302
    member.refresh_from_db()
    assert member.status == Status.APPROVED and member.has_pending_changes
    assert in_group(member.user) and opens(client, member.user)
    moderation.reject(member, "Keep the registered name")
    assert in_group(member.user) and opens(client, member.user)  # only the edit was refused


def test_deleting_the_member_or_moving_it_to_another_account(client, members_only):
    member = make_member(status=Status.APPROVED)
    first = member.user
    second = make_user()
    member.user = second
    member.save()
    assert not in_group(first) and in_group(second)
    member.delete()
    assert not in_group(second)


def test_a_deleted_account_leaves_no_trace_in_the_group(members_only):
    member = make_member(status=Status.APPROVED)
    user = member.user
    delete_account(user)
    assert not Group.objects.get(name=APPROVED_MEMBERS_GROUP).user_set.exists()


def test_an_approved_member_cannot_open_the_admin(client, members_only):
    member = make_member(status=Status.APPROVED)
    client.force_login(member.user)
    assert client.get("/admin/").status_code == 302
