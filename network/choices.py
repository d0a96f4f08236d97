"""Fixed option lists of the network app."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class MemberType(models.TextChoices):
    BUSINESS = "business", _("Business")
    NGO = "ngo", _("NGO")
    UNIVERSITY = "university", _("University or research body")
    PUBLIC_BODY = "public-body", _("Public body")
    SOCIAL_ENTERPRISE = "social-enterprise", _("Social enterprise")
    INDIVIDUAL = "individual", _("Individual")
    INVESTOR = "investor", _("Investor")
    CLUSTER = "cluster", _("Cluster")


class Status(models.TextChoices):
    PENDING = "pending", _("Pending approval")
    APPROVED = "approved", _("Approved")
    REJECTED = "rejected", _("Rejected")


class ContactPreference(models.TextChoices):
    SITE = "site", _("Messages through the site")
    NONE = "none", _("No contact, please")


class PostKind(models.TextChoices):
    OFFER = "offer", _("Offer (I have)")
    NEED = "need", _("Need (I look for)")


class PostCategory(models.TextChoices):
    TEXTILE_OFFCUTS = "textile-offcuts", _("Textile off-cuts and fibres")
    PLASTIC_REGRIND = "plastic-regrind", _("Plastic regrind and scrap")
    ORGANIC_RESIDUES = "organic-residues", _("Organic and agri residues")
    PACKAGING = "packaging", _("Packaging")
    OTHER_MATERIALS = "other-materials", _("Other materials and by-products")
    SERVICES = "services", _("Services")
    EQUIPMENT = "equipment", _("Equipment")
    EXPERTISE = "expertise", _("Expertise")


class Frequency(models.TextChoices):
    ONE_OFF = "one-off", _("One-off")
    MONTHLY = "monthly", _("Monthly")
    CONTINUOUS = "continuous", _("Continuous")


class ActivityKind(models.TextChoices):
    EVENT = "event", _("Event")
    NEWS = "news", _("News")


class GroupKind(models.TextChoices):
    NETWORK = "network", _("Transnational network")
    WORKING_GROUP = "working-group", _("Working group")

