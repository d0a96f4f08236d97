"""Participants of consultations and questionnaire figures, for the KPIs (``monitoring.metrics``)."""

import datetime as dt

import pytest
from django.test import Client

from monitoring.metrics import (
    Participants,
    consultation_respondents,
    questionnaire_responses,
    response_rate,
)
from monitoring.models import ConsultationComment, Invitation
from network.choices import Status
from tests.factories import translate
from tests.monitoring.builders import (
    answer,
    make_consultation,
    make_questionnaire,
    make_response,
    role,
    section,
    single,
)
from tests.network.factories import make_member

pytestmark = pytest.mark.django_db
ROLE = role("R", "Which describes you best?", [
    ("authority", "Public authority or policy maker", "policy-maker"),
    ("business", "Business", "stakeholder"),
    ("cluster", "Cluster organisation", "stakeholder"),
])


def setup_consultation(home, mode="open"):
    page = make_consultation(home, draft=[section("1", "Draft")])
    questionnaire = make_questionnaire(page, [ROLE, single("Q1", "Agree?", [("y", "Y")])],
                                       mode=mode)
    return page, questionnaire


def comment(page, member, status=Status.APPROVED, on=None):
    created = ConsultationComment.objects.create(
        consultation_key=page.consultation_key, page=page, section="1", member=member,
        language="en", body="Comment", status=status)
    if on:
        ConsultationComment.objects.filter(pk=created.pk).update(
            created_at=dt.datetime.combine(on, dt.time(12), tzinfo=dt.UTC))
    return created


def test_each_participant_counts_once_and_policy_makers_apart(client, home):
    page, questionnaire = setup_consultation(home, mode="members")
    ministry = make_member(member_type="public-body")
    company = make_member(member_type="business")
    for member, role_answer in ((ministry, "business"), (company, "business")):
        browser = Client()
        browser.force_login(member.user)
        assert answer(browser, questionnaire, {"q.R": role_answer, "q.Q1": "y"}).status_code == 302
    comment(page, ministry)  # answered and commented: still one participant
    comment(page, company)
    comment(page, make_member(member_type="ngo"), status=Status.REJECTED)  # not taking part
    comment(page, make_member(member_type="ngo"), status=Status.PENDING)
    assert consultation_respondents(page) == Participants(stakeholders=1, policy_makers=1)


def test_the_role_question_counts_policy_makers_of_open_answers(home):
    page, questionnaire = setup_consultation(home)
    for choice in ("authority", "authority", "business", "cluster"):
        assert answer(Client(), questionnaire, {"q.R": choice, "q.Q1": "y"}).status_code == 302
    counts = consultation_respondents(page)
    assert (counts.stakeholders, counts.policy_makers, counts.total) == (2, 2, 4)


def test_every_language_version_and_every_consultation(home):
    page, questionnaire = setup_consultation(home)
    translated = translate(page, "bg", title="Иновации")
    bulgarian_questionnaire = translate(questionnaire, "bg", title="Въпросник")
    answer(Client(), bulgarian_questionnaire, {"q.R": "business", "q.Q1": "y"})
    answer(Client(), questionnaire, {"q.R": "business", "q.Q1": "y"})
    comment(translated, make_member())
    other, other_questionnaire = setup_consultation(home)
    answer(Client(), other_questionnaire, {"q.R": "authority", "q.Q1": "y"})
    assert consultation_respondents(page).total == 3
    assert consultation_respondents(translated).total == 3
    assert consultation_respondents() == Participants(stakeholders=3, policy_makers=1)


def test_a_period_counts_what_happened_in_it(home):
    page, questionnaire = setup_consultation(home)
    make_response(questionnaire, {"R": "business"}, submitted_on="2025-01-10")
    make_response(questionnaire, {"R": "authority"}, submitted_on="2025-03-02",
                  role="policy-maker")
    comment(page, make_member(), on=dt.date(2025, 2, 1))
    january_february = consultation_respondents(
        page, since=dt.date(2025, 1, 1), until=dt.date(2025, 2, 28))
    assert january_february == Participants(stakeholders=2, policy_makers=0)
    assert consultation_respondents(page, since=dt.date(2025, 3, 1)).policy_makers == 1


def test_questionnaire_answers_and_response_rates(surveys):
    invited = make_questionnaire(surveys, [single("Q1", "A", [("y", "Y")])], mode="invited")
    for number in range(4):
        Invitation.objects.create(questionnaire_key=invited.questionnaire_key,
                                  email=f"p{number}@example.org", language="en")
    make_response(invited, {"Q1": "y"})
    assert questionnaire_responses(invited) == 1
    rate = response_rate(invited)
    assert (rate.responses, rate.eligible, rate.rate) == (1, 4, 25.0)
    members = make_questionnaire(surveys, [single("Q1", "A", [("y", "Y")])], mode="members")
    make_member(), make_member(), make_member(status=Status.PENDING)
    make_response(members, {"Q1": "y"}, submitted_on="2024-12-31")
    assert response_rate(members).rate == 50.0
    assert response_rate(make_questionnaire(surveys, [single("Q1", "A", [("y", "Y")])])) is None
    assert questionnaire_responses(since=dt.date(2025, 1, 1)) == 1
    assert questionnaire_responses() == 2
