"""Fixed option lists that more than one content app uses."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class OrganisationType(models.TextChoices):
    """The kinds of organisation in the network: a member's type, who may apply for a call."""

    BUSINESS = "business", _("Business")
    NGO = "ngo", _("NGO")
    UNIVERSITY = "university", _("University or research body")
    PUBLIC_BODY = "public-body", _("Public body")
    SOCIAL_ENTERPRISE = "social-enterprise", _("Social enterprise")
    INDIVIDUAL = "individual", _("Individual")
    INVESTOR = "investor", _("Investor")
    CLUSTER = "cluster", _("Cluster")


class Status(models.TextChoices):
    """Moderation of what members submit: nothing is public before an editor approves it."""

    PENDING = "pending", _("Pending approval")
    APPROVED = "approved", _("Approved")
    REJECTED = "rejected", _("Rejected")
