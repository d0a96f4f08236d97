"""Site-wide models: taxonomy snippets, navigation and settings, generic pages, outgoing mail."""

from .generation import ContentGeneration
from .mail import MailKind, MailStatus, OutgoingMail
from .pages import HomePage, SectionIndexPage, StandardPage
from .settings import FooterText, NavigationSettings, SiteSettings
from .submissions import PendingImport, SubmissionToken
from .taxonomy import (
    Country,
    Pillar,
    Region,
    SocialInnovationCriterion,
    SocialInnovationDimension,
    ThematicPriority,
)

__all__ = [
    "ContentGeneration",
    "Country",
    "FooterText",
    "HomePage",
    "MailKind",
    "MailStatus",
    "NavigationSettings",
    "OutgoingMail",
    "PendingImport",
    "Pillar",
    "Region",
    "SiteSettings",
    "SocialInnovationCriterion",
    "SocialInnovationDimension",
    "SectionIndexPage",
    "StandardPage",
    "SubmissionToken",
    "ThematicPriority",
]
