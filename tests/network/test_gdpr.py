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


def test_an_erasure_the_engine_rejects_waits_until_it_confirms(client, elastic_site, fake_es):
    """Elasticsearch (a loopback stand-in: none runs here) rejects the removals, then accepts.

    The member is told the truth (gone from the site now, from search within
    minutes); the outbox rows outlive the account and are retried, searches
    leave the documents out meanwhile, and ``search_status`` lists them.
    """
    import datetime as dt
    import io

    from django.contrib.messages import get_messages
    from django.core.management import call_command
    from django.utils import timezone

    from search import api
    from search.models import OutboxEntry
    from search.sync import process_outbox

    elastic_site(fake_es.url)
    member = make_member(name=f"Org {MARKER}", status=Status.PENDING)
    moderation.approve(member)
    post = make_post(member=member, title=f"Offer {MARKER}")
    activity = make_activity(member=member, title=f"Event {MARKER}")
    doomed = {
        f"member:member-{member.pk}", f"{post.kind}:{post.kind}-{post.pk}",
        f"event:member-event-{activity.pk}",
    }
    assert doomed <= set(fake_es.docs)  # indexed on commit, as in production

    fake_es.reject = {"delete": (429, "es_rejected_execution_exception", "queue is full")}
    client.force_login(member.user)
    response = client.post("/en/network/delete-account/", {"confirm": "on"})
    told = " ".join(str(message) for message in get_messages(response.wsgi_request))
    assert "gone from the site now" in told and "from search within a few minutes" in told

    rows = OutboxEntry.objects.filter(doc_id__in=doomed)
    assert {row.doc_id for row in rows} == doomed
    assert {(row.action, row.attempts) for row in rows} == {("delete", 1)}
    assert all("es_rejected_execution_exception" in row.last_error for row in rows)
    assert doomed <= set(fake_es.docs)  # still in the engine...
    found = {hit.id for hit in api.search("").results}
    assert not found & doomed  # ...but no search shows them
    out = io.StringIO()
    call_command("search_status", stdout=out)
    assert "pending deletions: 3 (" in out.getvalue()
    assert all(doc_id in out.getvalue() for doc_id in doomed)

    fake_es.reject = {}
    assert process_outbox(now=timezone.now() + dt.timedelta(minutes=3)) == (0, 3, 0)
    assert not OutboxEntry.objects.exists()
    assert not doomed & set(fake_es.docs)
