"""One answer per member, per invitation and per browser, under submits at the same moment.

Real parallel requests: six threads, each with its own test client (and so its
own database connection), send the last page of a questionnaire at the same
moment against a database that commits for real (the file SQLite of the test
settings, or PostgreSQL when DATABASE_URL points there). The database's
constraints decide, not a check in the view.
"""

import threading

import pytest
from django.db import connection
from django.test import Client

from monitoring import invitations
from monitoring.models import Invitation, Response
from tests.factories import build_site_tree
from tests.monitoring.builders import make_questionnaire, make_survey_index, single
from tests.network.factories import make_member

pytestmark = pytest.mark.django_db(transaction=True)
PARALLEL = 6
QUESTIONS = [single("Q1", "Useful?", [("yes", "Yes"), ("no", "No")])]


def questionnaire(**fields):
    return make_questionnaire(make_survey_index(build_site_tree()["en"]), QUESTIONS, **fields)


def post_in_parallel(clients, url, payloads):
    barrier = threading.Barrier(len(clients))
    responses, errors = [None] * len(clients), []

    def send(number):
        try:
            barrier.wait()
            responses[number] = clients[number].post(url, payloads[number])
        except Exception as exc:  # noqa: BLE001 - every failure is reported below
            errors.append(repr(exc))
        finally:
            connection.close()

    threads = [threading.Thread(target=send, args=(n,)) for n in range(len(clients))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert all(response is not None and response.status_code in (200, 302)
               for response in responses)
    return responses


def test_six_submits_of_one_member_at_once_leave_one_answer():
    page = questionnaire(mode="members")
    member = make_member()
    clients, payloads = [], []
    for number in range(PARALLEL):
        client = Client()
        client.force_login(member.user)
        state = client.get(page.url).context["state"]  # six tabs, six renderings
        clients.append(client)
        payloads.append({"state": state, "q.Q1": "yes" if number % 2 else "no"})
    responses = post_in_parallel(clients, page.url, payloads)
    assert [r.status_code for r in responses] == [302] * PARALLEL
    assert Response.objects.filter(member=member).count() == 1


@pytest.mark.parametrize("anonymised", [False, True])
def test_six_submits_of_one_invitation_at_once_leave_one_answer(anonymised):
    page = questionnaire(mode="invited", anonymised=anonymised)
    invitation = Invitation.objects.create(questionnaire_key=page.questionnaire_key,
                                           email="staff@remo.example", language="en")
    token = invitations.token_for(invitation)
    first = Client().get(page.url, {"token": token})
    payload = {"state": first.context["state"], "token": token, "q.Q1": "yes"}
    responses = post_in_parallel([Client() for _n in range(PARALLEL)], page.url,
                                 [payload] * PARALLEL)
    assert Response.objects.filter(questionnaire_key=page.questionnaire_key).count() == 1
    assert sorted(r.status_code for r in responses) == [200] * (PARALLEL - 1) + [302]
    refused = [r for r in responses if r.status_code == 200]
    assert {r.context["refusal"] for r in refused} == {"used"}
    invitation.refresh_from_db()
    assert invitation.completed


def test_six_submits_from_one_browser_at_once_leave_one_answer():
    page = questionnaire()
    browser = Client()
    rendered = browser.get(page.url).context
    payload = {"state": rendered["state"], "respondent": rendered["respondent_id"], "q.Q1": "no"}
    clients = []
    for _n in range(PARALLEL):
        client = Client()
        client.cookies = browser.cookies
        clients.append(client)
    responses = post_in_parallel(clients, page.url, [payload] * PARALLEL)
    assert Response.objects.count() == 1
    assert sorted(r.status_code for r in responses) == [200] * (PARALLEL - 1) + [302]
