"""One submission, one object: the same rendered form posted six times at once creates one.

Real parallel requests: six threads, each with its own test client (and so its
own database connection), post the same form with the same one-time token at
the same moment, against a database that commits for real (the file SQLite of
the test settings, or PostgreSQL when DATABASE_URL points there).
"""

import threading

import pytest
from django.db import connection
from django.test import Client

from network.models import B2BPost, ContactMessage, Member, MemberActivity, NetworkMembership
from tests.network.factories import make_member, make_network, make_user, submit

PARALLEL = 6
POST = {
    "kind": "offer", "title": "Cotton off-cuts", "description": "Two tonnes a month",
    "category": "textile-offcuts", "frequency": "monthly", "valid_until": "2999-01-01",
}
ACTIVITY = {"kind": "news", "title": "We opened a repair café", "summary": "Come by"}
PROFILE = {"member_type": "business", "name": "Textile Loop", "contact_preference": "site",
           "listed": "on"}


def clients_of(user, count=PARALLEL):
    clients = []
    for _n in range(count):
        client = Client()
        client.force_login(user)
        clients.append(client)
    return clients


def token_for(client, url):
    form = client.get(url).context["form"]
    return form["submission_token"].value()


def post_in_parallel(clients, url, data):
    """Every client posts ``data`` to ``url`` at the same moment; returns the responses."""
    barrier = threading.Barrier(len(clients))
    responses, errors = [None] * len(clients), []

    def send(number, client):
        try:
            barrier.wait()
            responses[number] = client.post(url, data)
        except Exception as exc:  # noqa: BLE001 - every failure is reported below
            errors.append(repr(exc))
        finally:
            connection.close()

    threads = [threading.Thread(target=send, args=pair) for pair in enumerate(clients)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    return responses


def assert_redirected_to_one_place(responses):
    assert [r.status_code for r in responses] == [302] * len(responses)
    assert len({r["Location"] for r in responses}) == 1


pytestmark = pytest.mark.django_db(transaction=True)


def test_six_parallel_posts_of_one_b2b_form_create_one_post():
    member = make_member()
    clients = clients_of(member.user)
    url = "/en/network/b2b/new/"
    data = {**POST, "submission_token": token_for(clients[0], url)}
    responses = post_in_parallel(clients, url, data)
    assert B2BPost.objects.count() == 1
    assert_redirected_to_one_place(responses)
    assert responses[0]["Location"] == B2BPost.objects.get().get_absolute_url()


def test_six_parallel_posts_of_one_activity_form_create_one_activity():
    member = make_member()
    clients = clients_of(member.user)
    url = "/en/network/activities/new/"
    data = {**ACTIVITY, "submission_token": token_for(clients[0], url)}
    assert_redirected_to_one_place(post_in_parallel(clients, url, data))
    assert MemberActivity.objects.count() == 1


def test_six_parallel_posts_of_one_profile_form_create_one_profile():
    user = make_user()
    clients = clients_of(user)
    url = "/en/network/profile/"
    data = {**PROFILE, "submission_token": token_for(clients[0], url)}
    assert_redirected_to_one_place(post_in_parallel(clients, url, data))
    assert Member.objects.filter(user=user).count() == 1


def test_two_tabs_creating_a_profile_at_once_make_one_and_no_error():
    """Two renderings (two tokens): the one-profile rule decides, without a 500."""
    user = make_user()
    clients = clients_of(user, 2)
    url = "/en/network/profile/"
    tokens = [token_for(client, url) for client in clients]
    barrier = threading.Barrier(2)
    responses = [None, None]

    def send(number):
        barrier.wait()
        responses[number] = clients[number].post(
            url, {**PROFILE, "name": f"Tab {number}", "submission_token": tokens[number]})
        connection.close()

    threads = [threading.Thread(target=send, args=(n,)) for n in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert [r.status_code for r in responses] == [302, 302]
    assert Member.objects.filter(user=user).count() == 1


def test_six_parallel_posts_of_one_contact_form_send_one_message():
    sender, recipient = make_member(), make_member(name="Recipient")
    clients = clients_of(sender.user)
    url = f"/en/network/members/{recipient.slug}/contact/"
    data = {"subject": "Pallets", "body": "Can we take them?",
            "submission_token": token_for(clients[0], url)}
    assert_redirected_to_one_place(post_in_parallel(clients, url, data))
    assert ContactMessage.objects.count() == 1


def test_six_parallel_join_requests_make_one_membership():
    member, group = make_member(), make_network()
    clients = clients_of(member.user)
    responses = post_in_parallel(clients, f"/en/network/groups/{group.slug}/join/", {})
    assert_redirected_to_one_place(responses)
    assert NetworkMembership.objects.filter(member=member, network=group).count() == 1


@pytest.mark.django_db
def test_a_repeated_post_creates_nothing_and_says_so(member_client):
    url = "/en/network/b2b/new/"
    data = {**POST, "submission_token": token_for(member_client, url)}
    first = member_client.post(url, data)
    again = member_client.post(url, data, follow=True)
    assert B2BPost.objects.count() == 1
    assert again.redirect_chain[-1][0] == first["Location"]
    assert "already sent" in again.content.decode()


@pytest.mark.django_db
def test_fresh_forms_create_one_post_each(member_client):
    url = "/en/network/b2b/new/"
    for title in ("First", "Second"):
        assert submit(member_client, url, {**POST, "title": title}).status_code == 302
    assert sorted(B2BPost.objects.values_list("title", flat=True)) == ["First", "Second"]


@pytest.mark.django_db
@pytest.mark.parametrize("token", ["", "forged", "other-user", "other-form"])
def test_a_missing_or_foreign_token_is_a_form_error_and_the_form_comes_back(
        member_client, token):
    url = "/en/network/b2b/new/"
    if token == "other-user":
        [other] = clients_of(make_member().user, 1)
        token = token_for(other, url)
    elif token == "other-form":
        token = token_for(member_client, "/en/network/activities/new/")
    response = member_client.post(url, {**POST, "submission_token": token})
    assert response.status_code == 200
    form = response.context["form"]
    assert "no longer valid" in " ".join(form.non_field_errors())
    assert form["title"].value() == "Cotton off-cuts"  # what was entered stays
    fresh = form["submission_token"].value()
    assert fresh and fresh != token
    assert not B2BPost.objects.exists()
    assert member_client.post(url, {**POST, "submission_token": fresh}).status_code == 302
    assert B2BPost.objects.count() == 1


@pytest.mark.django_db
def test_an_expired_token_is_refused(member_client, settings):
    url = "/en/network/b2b/new/"
    token = token_for(member_client, url)
    settings.SUBMISSION_TOKEN_MAX_AGE = -1
    response = member_client.post(url, {**POST, "submission_token": token})
    assert response.status_code == 200
    assert not B2BPost.objects.exists()


@pytest.mark.django_db
def test_editing_needs_no_token(member_client):
    from tests.network.factories import make_post

    post = make_post(member=member_client.member, title="Old title")
    response = member_client.post(f"/en/network/b2b/{post.pk}/edit/", {**POST, "title": "New"})
    assert response.status_code == 302
    post.refresh_from_db()
    assert post.pending_changes["title"] == "New"  # waits for approval; the old title stays public
