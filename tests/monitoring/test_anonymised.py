"""Anonymised invitations: the stored answer has no identity and no time of day.

The assertions read the stored rows themselves (every column of the answer's
row, and the invitation's), not what a page shows.
"""

import pytest
from django.db import connection
from django.test import Client
from django.utils import timezone

from monitoring import invitations
from monitoring.models import Invitation, Response
from tests.monitoring.builders import answer, make_questionnaire, single, text
from tests.network.factories import make_member

pytestmark = pytest.mark.django_db

QUESTIONS = [single("Q1", "Relevant?", [("yes", "Yes"), ("no", "No")]),
             text("Q2", "Comment", required=False)]


def raw_rows(model):
    table = model._meta.db_table
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT * FROM {table}")  # noqa: S608 - a model's own table name
        names = [column[0] for column in cursor.description]
        return [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]


def test_an_anonymised_answer_stores_no_identity_and_only_the_day(client, surveys):
    member = make_member(member_type="public-body")
    page = make_questionnaire(surveys, QUESTIONS, mode="invited", anonymised=True)
    invitation = Invitation.objects.create(
        questionnaire_key=page.questionnaire_key, email="staff@remo.example", language="en",
        member=member)
    client.force_login(member.user)  # signed in, too: still nothing links the answer to it
    url = f"{page.url}?token={invitations.token_for(invitation)}"
    assert answer(client, page, {"q.Q1": "yes", "q.Q2": "Fine"}, url=url).status_code == 302

    [row] = raw_rows(Response)
    identifying = {invitation.pk, str(invitation.pk), member.pk, str(member.pk),
                   member.user.pk, invitation.public_id.hex, str(invitation.public_id),
                   invitation.email}
    assert row["member_id"] is None
    assert row["user_id"] is None
    assert row["invitation_id"] is None
    assert row["browser_id"] is None
    assert row["submitted_at"] is None
    assert row["updated_at"] is None
    assert str(row["submitted_on"]) == timezone.localdate().isoformat()
    assert row["role"] == "stakeholder"  # the member's type is not used either
    values = {value for value in row.values() if not isinstance(value, bytes | memoryview)}
    assert not values & identifying
    assert invitation.email not in str(row["answers"])

    # The invitation records only that it was used: no time, no link to the answer.
    [stored_invitation] = raw_rows(Invitation)
    assert stored_invitation["completed"] in (1, True)
    assert set(stored_invitation) == {
        "id", "questionnaire_key", "email", "language", "member_id", "public_id", "completed",
        "invited_at", "last_mailed_at", "reminders_sent", "created_at",
    }
    assert not Response.objects.filter(invitation=invitation).exists()


def test_answers_are_not_in_the_order_they_came(client, surveys):
    """Random primary keys: the order of the rows says nothing about who answered when."""
    page = make_questionnaire(surveys, QUESTIONS, mode="invited", anonymised=True)
    for number in range(3):
        invitation = Invitation.objects.create(questionnaire_key=page.questionnaire_key,
                                               email=f"p{number}@remo.example", language="en")
        url = f"{page.url}?token={invitations.token_for(invitation)}"
        answer(Client(), page, {"q.Q1": "yes"}, url=url)
    keys = [row["id"] for row in raw_rows(Response)]
    assert len(keys) == 3 and all(len(str(key).replace("-", "")) == 32 for key in keys)


def test_not_anonymised_invitations_keep_their_link_and_time(client, surveys):
    page = make_questionnaire(surveys, QUESTIONS, mode="invited")
    invitation = Invitation.objects.create(questionnaire_key=page.questionnaire_key,
                                           email="staff@remo.example", language="en")
    url = f"{page.url}?token={invitations.token_for(invitation)}"
    answer(client, page, {"q.Q1": "no"}, url=url)
    stored = Response.objects.get()
    assert stored.invitation_id == invitation.pk
    assert stored.submitted_at is not None
