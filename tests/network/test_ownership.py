"""Every member-owned view checks ownership: another member's id answers 404 and changes nothing."""

import pytest

from network.choices import Status
from network.models import B2BPost, MemberActivity, NetworkMembership
from tests.network.factories import (
    make_activity,
    make_member,
    make_network,
    make_post,
    submit,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def other_post():
    return make_post(title="Theirs", status=Status.PENDING)


def test_post_edit_of_another_member_is_404(member_client, other_post):
    url = f"/en/network/b2b/{other_post.pk}/edit/"
    assert member_client.get(url).status_code == 404
    response = member_client.post(url, {"title": "Hijacked", "kind": "offer"})
    assert response.status_code == 404
    other_post.refresh_from_db()
    assert other_post.title == "Theirs"


def test_post_delete_of_another_member_is_404(member_client, other_post):
    assert member_client.post(f"/en/network/b2b/{other_post.pk}/delete/").status_code == 404
    assert B2BPost.objects.filter(pk=other_post.pk).exists()


def test_unapproved_post_of_another_member_is_404(member_client, other_post):
    assert member_client.get(f"/en/network/b2b/{other_post.pk}/").status_code == 404


def test_activity_edit_and_delete_of_another_member_are_404(member_client):
    activity = make_activity(title="Their event")
    url = f"/en/network/activities/{activity.pk}/edit/"
    assert member_client.get(url).status_code == 404
    assert member_client.post(url, {"title": "Hijacked"}).status_code == 404
    assert member_client.post(f"/en/network/activities/{activity.pk}/delete/").status_code == 404
    activity.refresh_from_db()
    assert activity.title == "Their event"


def test_pending_activity_of_another_member_is_404(member_client):
    activity = make_activity(status=Status.PENDING)
    assert member_client.get(f"/en/network/activities/{activity.pk}/").status_code == 404


def test_own_post_edit_works_and_waits_for_moderation(member_client):
    post = make_post(member=member_client.member, title="Mine")
    response = member_client.post(f"/en/network/b2b/{post.pk}/edit/", {
        "kind": "offer", "title": "Mine, edited", "description": "d", "category": "packaging",
        "frequency": "monthly", "valid_until": post.valid_until.isoformat(),
        "status": "approved", "member": "999",
    })
    assert response.status_code == 302
    post.refresh_from_db()
    assert post.title == "Mine" and post.pending_changes["title"] == "Mine, edited"
    assert post.status == Status.APPROVED  # the approved version stays public meanwhile
    assert "status" not in post.pending_changes and "member" not in post.pending_changes
    assert post.member_id == member_client.member.pk


def test_post_form_cannot_choose_the_owner(member_client):
    other = make_member()
    submit(member_client, "/en/network/b2b/new/", {
        "kind": "need", "title": "Need regrind", "description": "d",
        "category": "plastic-regrind", "frequency": "monthly",
        "valid_until": "2999-01-01", "member": other.pk, "status": "approved",
    })
    post = B2BPost.objects.get(title="Need regrind")
    assert post.member == member_client.member
    assert post.status == Status.PENDING


def test_group_requests_are_decided_only_by_the_coordinator(member_client):
    group = make_network(coordinator=make_member())
    membership = NetworkMembership.objects.create(network=group, member=make_member())
    url = f"/en/network/groups/{group.slug}/requests/{membership.pk}/"
    assert member_client.post(url, {"decision": "approve"}).status_code == 404
    membership.refresh_from_db()
    assert membership.status == Status.PENDING


def test_coordinator_approves_a_request(client):
    coordinator = make_member()
    group = make_network(coordinator=coordinator)
    membership = NetworkMembership.objects.create(network=group, member=make_member())
    client.force_login(coordinator.user)
    client.post(f"/en/network/groups/{group.slug}/requests/{membership.pk}/",
                {"decision": "approve"})
    membership.refresh_from_db()
    assert membership.status == Status.APPROVED


def test_join_and_leave(member_client):
    group = make_network()
    member_client.post(f"/en/network/groups/{group.slug}/join/")
    assert NetworkMembership.objects.get(network=group).status == Status.PENDING
    member_client.post(f"/en/network/groups/{group.slug}/leave/")
    assert not NetworkMembership.objects.filter(network=group).exists()


def test_member_views_need_login(client):
    post = make_post()
    for url in ("/en/network/", "/en/network/profile/", "/en/network/b2b/new/",
                f"/en/network/b2b/{post.pk}/edit/", "/en/network/my-data.json",
                "/en/network/delete-account/"):
        response = client.get(url)
        assert response.status_code == 302
        assert "/accounts/login/" in response["Location"]
    assert MemberActivity.objects.count() == 0
