"""Download my data, and delete my account: everything goes, index and sessions included."""

import json

import pytest
from django.contrib.auth import get_user_model
from django.contrib.sessions.models import Session
from django.db import connection

from network import moderation
from network.choices import Status
from network.models import ContactMessage
from search.api import search
from search.sync import process_outbox
from tests.network.factories import make_activity, make_member, make_post

pytestmark = pytest.mark.django_db(transaction=True)
MARKER = "zqxmarker7731"


def test_download_my_data(member_client):
    member = member_client.member
    make_post(member=member, title=f"Post {MARKER}")
    response = member_client.get("/en/network/my-data.json")
    data = json.loads(response.content)
    assert data["account"]["email"] == member.user.email
    assert data["member"]["name"] == member.name
    assert data["posts"][0]["title"] == f"Post {MARKER}"
    assert "status" in data["member"]


def database_contains(text):
    hits = []
    with connection.cursor() as cursor:
        for table in connection.introspection.table_names():
            if table.startswith("sqlite_"):
                continue
            columns = [c.name for c in connection.introspection.get_table_description(
                cursor, table)]
            for column in columns:
                cursor.execute(
                    f'SELECT COUNT(*) FROM "{table}" WHERE CAST("{column}" AS TEXT) LIKE %s',
                    [f"%{text}%"],
                )
                if cursor.fetchone()[0]:
                    hits.append(f"{table}.{column}")
    return hits


def index_contains(text):
    process_outbox()
    return search(text).total > 0


def test_delete_account_removes_everything(client):
    member = make_member(name=f"Org {MARKER}", description=f"About {MARKER}",
                         status=Status.PENDING)
    moderation.approve(member)
    post = make_post(member=member, title=f"Offer {MARKER}", status=Status.PENDING)
    moderation.approve(post)
    make_activity(member=member, title=f"Event {MARKER}")
    other = make_member()
    ContactMessage.objects.create(sender=member, sender_email=member.user.email, recipient=other,
                                  subject="Hi", body=f"Message {MARKER}")
    user = member.user
    email = user.email
    client.force_login(user)
    other_client = client.__class__()
    other_client.force_login(user)  # a second session, e.g. another browser
    assert index_contains(MARKER)

    response = client.post("/en/network/delete-account/", {"confirm": "on"})
    assert response.status_code == 302

    assert not get_user_model().objects.filter(pk=user.pk).exists()
    assert database_contains(MARKER) == []
    assert database_contains(email) == []
    assert not index_contains(MARKER)
    assert not Session.objects.filter(session_key=other_client.session.session_key).exists()
    assert other_client.get("/en/network/").status_code == 302


def test_delete_needs_confirmation(member_client):
    response = member_client.post("/en/network/delete-account/", {})
    assert response.status_code == 200
    assert response.context["form"].errors
    assert get_user_model().objects.filter(pk=member_client.member.user_id).exists()
