"""Programmes, modules and lessons; sessions and bookings; learners' records."""

from .pages import (
    LessonPage,
    ModulePage,
    ProgrammeFacilitator,
    ProgrammeIndexPage,
    ProgrammePage,
    ProgrammeRelatedLink,
    ProgrammeTag,
)
from .progress import Completion, Enrolment, LessonProgress, QuizAttempt, Reflection
from .sessions import Booking, Session
from .snippets import Topic

__all__ = [
    "Booking",
    "Completion",
    "Enrolment",
    "LessonPage",
    "LessonProgress",
    "ModulePage",
    "ProgrammeFacilitator",
    "ProgrammeIndexPage",
    "ProgrammePage",
    "ProgrammeRelatedLink",
    "ProgrammeTag",
    "QuizAttempt",
    "Reflection",
    "Session",
    "Topic",
]
