"""Site-wide models: taxonomy snippets, navigation and settings, generic pages."""

from .generation import ContentGeneration
from .pages import HomePage, SectionIndexPage, StandardPage
from .settings import FooterText, NavigationSettings, SiteSettings
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
    "NavigationSettings",
    "Pillar",
    "Region",
    "SiteSettings",
    "SocialInnovationCriterion",
    "SocialInnovationDimension",
    "SectionIndexPage",
    "StandardPage",
    "ThematicPriority",
]
