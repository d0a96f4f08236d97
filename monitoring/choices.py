"""Fixed option lists of the monitoring app (questionnaires and consultations)."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class RespondentMode(models.TextChoices):
    """Who may answer a questionnaire, and how one answer per respondent is kept."""

    OPEN = "open", _("Open: anyone, one answer per browser (not de-duplicated)")
    MEMBERS = "members", _("Members only: one answer per member organisation")
    INVITED = "invited", _("Invited: one-time links mailed to a list")


class ConditionOperator(models.TextChoices):
    """How a display condition compares the answer it depends on."""

    ANY = "any", _("is one of")
    NONE = "none", _("is none of")
    ANSWERED = "answered", _("is answered")
    UNANSWERED = "unanswered", _("is not answered")


class Role(models.TextChoices):
    """Whom a participant counts as in the consultation KPIs (see ``monitoring.metrics``)."""

    STAKEHOLDER = "stakeholder", _("Stakeholder")
    POLICY_MAKER = "policy-maker", _("Policy maker")


class Phase(models.TextChoices):
    """The phases a public consultation moves through."""

    READING = "reading", _("Documents for reading")
    COMMENTS = "comments", _("Comments on the draft")
    QUESTIONNAIRE = "questionnaire", _("Questionnaire")
    RESULT = "result", _("Result")


class PhaseState(models.TextChoices):
    UPCOMING = "upcoming", _("Upcoming")
    OPEN = "open", _("Open now")
    CLOSED = "closed", _("Closed")


class Direction(models.TextChoices):
    """Which way an indicator improves: it decides whether a figure meets its target."""

    HIGHER = "higher", _("Higher is better")
    LOWER = "lower", _("Lower is better")


class ActionPlan(models.TextChoices):
    """The documents the centre's indicators come from."""

    CIRCULAR_ECONOMY = "circular-economy", _("Circular-economy action plan")
    CLUSTER_POLICY = "cluster-policy", _("Cluster-policy concept")
    NATIONAL_PLAN = "national-plan", _("National action plan for social innovation")
    OTHER = "other", _("Other")


class Metric(models.TextChoices):
    """The figures the platform computes from its own records (``monitoring.indicators``)."""

    MEMBERS_PER_PILLAR = "members_per_pillar", _("Approved public members (of the pillar)")
    CASE_STUDIES_PER_YEAR = "case_studies_per_year", _("Case studies published in the period")
    COURSE_COMPLETIONS = "course_completions", _("Course completions in the period")
    CONSULTATION_RESPONDENTS = "consultation_respondents", _(
        "Participants in public consultations in the period")
    POLICY_MAKERS_IN_CONSULTATIONS = "policy_makers_in_consultations", _(
        "Policy makers in public consultations in the period")
    SESSION_ATTENDANCE = "session_attendance", _("Attendances at learning sessions in the period")


class FigureStatus(models.TextChoices):
    """A figure staff report: it counts only once another editor approved it."""

    DRAFT = "draft", _("Draft")
    SUBMITTED = "submitted", _("Submitted for approval")
    APPROVED = "approved", _("Approved")
    RETURNED = "returned", _("Returned")


class Progress(models.TextChoices):
    """How a period's actual value stands against its target."""

    ACHIEVED = "achieved", _("Achieved")
    ON_TRACK = "on_track", _("On track")
    BEHIND = "behind", _("Behind")
