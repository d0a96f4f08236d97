"""Question blocks (``questions``) and consultation blocks (``consultations``)."""

from .consultations import DraftBlock, DraftSectionBlock, ReadingLinkBlock, ReadingListBlock
from .questions import (
    OTHER,
    CodeBlock,
    CodeListBlock,
    QuestionnaireBlock,
    code_validator,
    split_codes,
)

__all__ = [
    "OTHER",
    "CodeBlock",
    "CodeListBlock",
    "DraftBlock",
    "DraftSectionBlock",
    "QuestionnaireBlock",
    "ReadingLinkBlock",
    "ReadingListBlock",
    "code_validator",
    "split_codes",
]
