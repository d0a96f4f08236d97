"""Fixed option lists of the network app.

A member's type is ``website.choices.OrganisationType`` (funding calls name the
same types as eligible applicants). ``Status``, the moderation states, is the
site's (``website.choices``): case studies test it too. It is re-exported here,
where the network's modules have always found it.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _

from website.choices import Status

__all__ = [
    "ActivityKind",
    "ContactPreference",
    "Frequency",
    "GroupKind",
    "LocationSource",
    "PostCategory",
    "PostKind",
    "Status",
]


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



class LocationSource(models.TextChoices):
    """Where a member's map coordinates come from."""

    GIVEN = "given", _("Given by the member")
    CITY = "city", _("From the city")
