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
