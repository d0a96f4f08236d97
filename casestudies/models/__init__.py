"""Case studies (good practices) and tools."""

from .mixins import CURATED_PAGE_TYPES, CuratedPage, RelatedLinkBase
from .pages import (
    CaseStudyIndexPage,
    CaseStudyMember,
    CaseStudyPage,
    CaseStudyRelatedLink,
    CaseStudyTag,
    ImpactIndicator,
    ToolIndexPage,
    ToolPage,
    ToolRelatedLink,
    ToolTag,
)

__all__ = [
    "CURATED_PAGE_TYPES",
    "CaseStudyIndexPage",
    "CaseStudyMember",
    "CaseStudyPage",
    "CaseStudyRelatedLink",
    "CaseStudyTag",
    "CuratedPage",
    "ImpactIndicator",
    "RelatedLinkBase",
    "ToolIndexPage",
    "ToolPage",
    "ToolRelatedLink",
    "ToolTag",
]
