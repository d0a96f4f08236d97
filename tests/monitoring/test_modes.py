"""Respondent modes: open (one answer per browser, honeypot, rate limit), members, invited."""

import datetime as dt

import pytest
from django.test import Client
from django.utils import timezone

from monitoring import invitations
from monitoring.models import Invitation, Response
from network.choices import Status
from tests.monitoring.builders import answer, make_questionnaire, single, text
from tests.network.factories import make_member, make_user

pytestmark = pytest.mark.django_db

QUESTIONS = [single("Q1", "Is the service useful?", [("yes", "Yes"), ("no", "No")]),
             text("Q2", "What would you change?", required=False)]


# -- open ---------------------------------------------------------------------------


def test_open_one_answer_per_browser(client, surveys):
    page = make_questionnaire(surveys, QUESTIONS)
    assert answer(client, page, {"q.Q1": "yes"}).status_code == 302
    again = client.get(page.url)
    assert again.context["refusal"] == "answered"
    # Posting a fresh form from the same browser is refused as well.
    refused = client.post(page.url, {"state": "x", "q.Q1": "no"})
    assert refused.context["refusal"] == "answered"
    assert Response.objects.count() == 1
    # Another browser is another respondent: open answers are not de-duplicated.
    assert answer(Client(), page, {"q.Q1": "no"}).status_code == 302
    assert Response.objects.count() == 2
    assert all(r.browser_id and r.member_id is None for r in Response.objects.all())


def test_a_browser_without_cookies_is_known_by_the_form_it_sends(client, surveys):
    page = make_questionnaire(surveys, QUESTIONS)
    form = client.get(page.url).context
    data = {"state": form["state"], "respondent": form["respondent_id"], "q.Q1": "yes"}
    cookieless = Client()
    assert cookieless.post(page.url, data).status_code == 302
    assert Client().post(page.url, data).context["refusal"] == "answered"
    assert Response.objects.count() == 1


def test_the_honeypot_refuses_and_stores_nothing(client, surveys):
    page = make_questionnaire(surveys, QUESTIONS)
    response = answer(client, page, {"q.Q1": "yes", "website_address": "http://spam.example"})
    assert response.status_code == 400
    assert "could not be accepted" in response.content.decode()
    assert not Response.objects.exists()


def test_the_rate_limit_per_client_refuses_and_stores_nothing(settings, surveys):
    settings.SURVEY_OPEN_RATE_LIMIT = (2, 3600)
    page = make_questionnaire(surveys, QUESTIONS)
    codes = [answer(Client(), page, {"q.Q1": "yes"}).status_code for _n in range(3)]
    assert codes == [302, 302, 429]
    assert Response.objects.count() == 2
    other_page = make_questionnaire(surveys, QUESTIONS)
    assert answer(Client(), other_page, {"q.Q1": "yes"}).status_code == 302


def test_a_closed_or_upcoming_questionnaire_takes_no_answer(client, surveys):
    now = timezone.now()
    closed = make_questionnaire(surveys, QUESTIONS, closes_at=now - dt.timedelta(minutes=1))
    upcoming = make_questionnaire(surveys, QUESTIONS, opens_at=now + dt.timedelta(days=1))
    for page, refusal in ((closed, "closed"), (upcoming, "upcoming")):
        assert client.get(page.url).context["refusal"] == refusal
        assert client.post(page.url, {"state": "", "q.Q1": "yes"}).context["refusal"] == refusal
    assert not Response.objects.exists()


def test_a_form_loaded_before_the_close_and_sent_after_it_is_refused(client, surveys):
    page = make_questionnaire(surveys, QUESTIONS)
    state = client.get(page.url).context["state"]
    page.closes_at = timezone.now() - dt.timedelta(seconds=1)
    page.save_revision().publish()
    response = client.post(page.url, {"state": state, "q.Q1": "yes"})
    assert response.context["refusal"] == "closed"
    assert not Response.objects.exists()


# -- members ------------------------------------------------------------------------


def test_members_only_asks_visitors_to_sign_in(client, surveys):
    page = make_questionnaire(surveys, QUESTIONS, mode="members")
    response = client.get(page.url)
    assert response.context["refusal"] == "sign-in"
    assert "/accounts/login/?next=" in response.content.decode()
    assert client.post(page.url, {"q.Q1": "yes"}).context["refusal"] == "sign-in"
    assert not Response.objects.exists()


@pytest.mark.parametrize("status", [Status.PENDING, Status.REJECTED, None])
def test_members_only_refuses_accounts_without_an_approved_member(client, surveys, status):
    page = make_questionnaire(surveys, QUESTIONS, mode="members")
    user = make_member(status=status).user if status else make_user()
    client.force_login(user)
    assert client.get(page.url).context["refusal"] == "not-member"
    assert not Response.objects.exists()


def test_one_answer_per_member_which_it_may_change_until_the_close(client, surveys):
    page = make_questionnaire(surveys, QUESTIONS, mode="members",
                              closes_at=timezone.now() + dt.timedelta(days=3))
    member = make_member(member_type="public-body")
    client.force_login(member.user)
    assert answer(client, page, {"q.Q1": "yes", "q.Q2": "More events"}).status_code == 302
    first = Response.objects.get()
    assert (first.member, first.user, first.role) == (member, member.user, "policy-maker")
    # The form comes back with the answer, and sending again replaces it.
    again = client.get(page.url)
    html = again.content.decode()
    assert 'value="yes" id="id_q.Q1_0" checked' in html and "More events" in html
    assert "Sending again replaces that answer" in html
    assert answer(client, page, {"q.Q1": "no", "q.Q2": ""}).status_code == 302
    changed = Response.objects.get()
    assert changed.pk == first.pk and changed.answers == {"Q1": "no"}
    assert changed.updated_at is not None
    # After the close nothing changes.
    page.closes_at = timezone.now() - dt.timedelta(seconds=1)
    page.save_revision().publish()
    assert client.get(page.url).context["refusal"] == "closed"
    assert Response.objects.get().answers == {"Q1": "no"}


def test_two_accounts_cannot_share_a_member_answer(client, surveys):
    page = make_questionnaire(surveys, QUESTIONS, mode="members")
    one, two = make_member(), make_member()
    for member, choice in ((one, "yes"), (two, "no")):
        browser = Client()
        browser.force_login(member.user)
        assert answer(browser, page, {"q.Q1": choice}).status_code == 302
    assert dict(Response.objects.values_list("member_id", "answers__Q1")) == {
        one.pk: "yes", two.pk: "no"}


# -- invited ------------------------------------------------------------------------


def invite(page, email="staff@remo.example", **fields):
    return Invitation.objects.create(questionnaire_key=page.questionnaire_key, email=email,
                                     language="en", **fields)


def test_invited_needs_a_genuine_link_for_this_questionnaire(client, surveys):
    page = make_questionnaire(surveys, QUESTIONS, mode="invited")
    other = make_questionnaire(surveys, QUESTIONS, mode="invited")
    foreign = invitations.token_for(invite(other))
    genuine = invitations.token_for(invite(page))
    for token in ("", "forged", genuine[:-2] + "xx", foreign):
        response = client.get(page.url, {"token": token})
        assert response.status_code == 403
        assert response.context["refusal"] == "no-invitation"
    response = client.post(page.url, {"token": foreign, "q.Q1": "yes"})
    assert response.status_code == 403
    assert not Response.objects.exists()


def test_an_invitation_answers_once(client, surveys):
    page = make_questionnaire(surveys, QUESTIONS, mode="invited")
    invitation = invite(page)
    token = invitations.token_for(invitation)
    url = f"{page.url}?token={token}"
    assert answer(client, page, {"q.Q1": "yes"}, url=url).status_code == 302
    invitation.refresh_from_db()
    assert invitation.completed
    stored = Response.objects.get()
    assert stored.invitation == invitation and stored.submitted_at is not None
    assert Client().get(url).context["refusal"] == "used"
    resent = Client().post(page.url, {"token": token, "state": "", "q.Q1": "no"})
    assert resent.context["refusal"] == "used"
    assert Response.objects.get().answers == {"Q1": "yes"}


def test_an_invited_member_is_linked_unless_anonymised(client, surveys):
    member = make_member(member_type="public-body")
    page = make_questionnaire(surveys, QUESTIONS, mode="invited")
    url = f"{page.url}?token={invitations.token_for(invite(page, member=member))}"
    answer(client, page, {"q.Q1": "yes"}, url=url)
    linked = Response.objects.get()
    assert linked.member == member and linked.role == "policy-maker"


def test_the_mode_and_anonymity_cannot_change_once_there_are_answers(client, surveys):
    from django.core.exceptions import ValidationError

    page = make_questionnaire(surveys, QUESTIONS, mode="invited")
    url = f"{page.url}?token={invitations.token_for(invite(page))}"
    answer(client, page, {"q.Q1": "yes"}, url=url)
    page.anonymised = True
    with pytest.raises(ValidationError):
        page.full_clean()
    page.anonymised, page.mode = False, "open"
    with pytest.raises(ValidationError):
        page.full_clean()


def test_only_invited_answers_can_be_anonymised(surveys):
    from django.core.exceptions import ValidationError

    page = make_questionnaire(surveys, QUESTIONS, mode="members")
    page.anonymised = True
    with pytest.raises(ValidationError):
        page.full_clean()
