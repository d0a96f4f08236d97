"""Case studies (good practices) and tools."""

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
    "CaseStudyIndexPage",
    "CaseStudyMember",
    "CaseStudyPage",
    "CaseStudyRelatedLink",
    "CaseStudyTag",
    "ImpactIndicator",
    "ToolIndexPage",
    "ToolPage",
    "ToolRelatedLink",
    "ToolTag",
]
