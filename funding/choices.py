"""Fixed option lists for policies and funding calls.

Who may apply for a call is ``website.choices.OrganisationType``, the member types of the network.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class PolicyLevel(models.TextChoices):
    EU = "eu", _("EU")
    NATIONAL = "national", _("National")
    REGIONAL = "regional", _("Regional")
    MUNICIPAL = "municipal", _("Municipal")


class PolicyInstrument(models.TextChoices):
    """What kind of act a policy is; shown in the page's language, never as the stored value."""

    STRATEGY = "strategy", _("Strategy")
    ACTION_PLAN = "action-plan", _("Action plan")
    PLAN = "plan", _("Plan")
    PROGRAMME = "programme", _("Programme")
    REGULATION = "regulation", _("Regulation")
    DIRECTIVE = "directive", _("Directive")
    LAW = "law", _("Law")
    DECISION = "decision", _("Decision")
    OTHER = "other", _("Other")


class PolicyStatus(models.TextChoices):
    PROPOSED = "proposed", _("Proposed")
    IN_FORCE = "in-force", _("In force")
    EXPIRED = "expired", _("Expired")
    REPEALED = "repealed", _("Repealed")


class CallStatus(models.TextChoices):
    """Computed from the dates of a call, never stored (see FundingCallPage.status)."""

    FORTHCOMING = "forthcoming", _("Forthcoming")
    OPEN = "open", _("Open")
    CLOSING_SOON = "closing-soon", _("Closing soon")
    CLOSED = "closed", _("Closed")
