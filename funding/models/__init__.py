"""Funding programmes and calls, policies and regulations."""

from .pages import (
    CallStageDeadline,
    FundingCallIndexPage,
    FundingCallPage,
    FundingCallRelatedLink,
    FundingCallTag,
    PolicyIndexPage,
    PolicyPage,
    PolicyRelatedLink,
    PolicyTag,
)
from .saved import SavedCall
from .snippets import FundingProgramme

__all__ = [
    "CallStageDeadline",
    "FundingCallIndexPage",
    "FundingCallPage",
    "FundingCallRelatedLink",
    "FundingCallTag",
    "FundingProgramme",
    "PolicyIndexPage",
    "PolicyPage",
    "PolicyRelatedLink",
    "PolicyTag",
    "SavedCall",
]
