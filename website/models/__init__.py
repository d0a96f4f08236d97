"""Site-wide models: taxonomy snippets, navigation and settings, generic pages."""

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
    "Country",
    "FooterText",
    "HomePage",
    "NavigationSettings",
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
