"""Figures the KPIs read from the platform's own records (consultations and questionnaires).

Who took part in a consultation: everyone who answered one of its
questionnaires (the ``QuestionnairePage`` children of any of its language
versions) or whose comment on its draft was approved. A member organisation
counts once however often it took part; so does an account, and an invitation.
Answers to open questionnaires cannot be told apart (one browser, one answer)
and answers of anonymised invitations carry no identity, so each counts as one
participant.

Who is a policy maker (decided for the KPI "policy makers with increased
awareness through the public consultation"): a participant whose member
organisation is of the type "public body", or who chose an option that
"counts as policy maker" in the questionnaire's role question ("About the
respondent"). Every other participant is a stakeholder, so
``stakeholders + policy_makers`` is everyone who took part. A response keeps
the role it was given when it was sent (``Response.role``); a comment takes
its member's type.

Dates: ``since`` and ``until`` (inclusive, days in Europe/Sofia) select by the
day an answer was sent (anonymised answers keep only that day) or a comment
was written.
"""

import dataclasses

from django.apps import apps

from monitoring.choices import RespondentMode, Role
from monitoring.models import (
    ConsultationComment,
    ConsultationPage,
    Invitation,
    QuestionnairePage,
    Response,
)
from website.choices import OrganisationType, Status


@dataclasses.dataclass(frozen=True)
class Participants:
    stakeholders: int
    policy_makers: int

    @property
    def total(self):
        return self.stakeholders + self.policy_makers


@dataclasses.dataclass(frozen=True)
class ResponseRate:
    responses: int
    eligible: int

    @property
    def rate(self):
        """Answers per eligible respondent, as a percentage (None without any eligible)."""
        return round(100 * self.responses / self.eligible, 1) if self.eligible else None


def consultation_keys(consultation=None):
    if consultation is not None:
        return {consultation.translation_key}
    return set(ConsultationPage.objects.values_list("translation_key", flat=True))


def questionnaire_keys(consultation_keys_):
    keys = set()
    for page in ConsultationPage.objects.filter(translation_key__in=consultation_keys_):
        keys.update(QuestionnairePage.objects.child_of(page).values_list(
            "translation_key", flat=True))
    return keys


def between(queryset, field, since, until):
    if since is not None:
        queryset = queryset.filter(**{f"{field}__gte": since})
    if until is not None:
        queryset = queryset.filter(**{f"{field}__lte": until})
    return queryset


def consultation_respondents(consultation=None, *, since=None, until=None):
    """Stakeholders and policy makers who took part in one consultation (or in all of them)."""
    keys = consultation_keys(consultation)
    people = {}
    responses = between(Response.objects.filter(questionnaire_key__in=questionnaire_keys(keys)),
                        "submitted_on", since, until)
    for row in responses.values("pk", "member_id", "user_id", "invitation_id", "role"):
        if row["member_id"]:
            identity = ("member", row["member_id"])
        elif row["user_id"]:
            identity = ("user", row["user_id"])
        elif row["invitation_id"]:
            identity = ("invitation", row["invitation_id"])
        else:
            identity = ("response", row["pk"])
        people[identity] = people.get(identity, False) or row["role"] == Role.POLICY_MAKER
    comments = between(
        ConsultationComment.objects.filter(consultation_key__in=keys).approved(),
        "created_at__date", since, until)
    for member_id, member_type in comments.values_list("member_id", "member__member_type"):
        identity = ("member", member_id)
        people[identity] = people.get(identity, False) or member_type == OrganisationType.PUBLIC_BODY
    policy_makers = sum(people.values())
    return Participants(stakeholders=len(people) - policy_makers, policy_makers=policy_makers)


def questionnaire_responses(questionnaire=None, *, since=None, until=None):
    """How many answers one questionnaire (all its languages), or every one, has received."""
    responses = Response.objects.all()
    if questionnaire is not None:
        responses = responses.filter(questionnaire_key=questionnaire.translation_key)
    return between(responses, "submitted_on", since, until).count()


def response_rate(questionnaire):
    """Answers against those asked: the invitations, or the approved member organisations.

    None for an open questionnaire, whose possible respondents are unknown.
    """
    key = questionnaire.translation_key
    responses = Response.objects.filter(questionnaire_key=key).count()
    if questionnaire.mode == RespondentMode.INVITED:
        return ResponseRate(responses, Invitation.objects.filter(questionnaire_key=key).count())
    if questionnaire.mode == RespondentMode.MEMBERS:
        members = apps.get_model("network", "Member").objects.filter(status=Status.APPROVED)
        return ResponseRate(responses, members.count())
    return None
