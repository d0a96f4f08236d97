"""Programmes, modules and lessons; sessions and bookings; learners' records."""

from .certificates import (
    Certificate,
    CertificateVerification,
    SigningKey,
    StatusEntry,
    VerificationResult,
)
from .mentoring import (
    FeedbackRole,
    MentoringFeedback,
    MentoringMeeting,
    MentoringRequest,
    MentorProfile,
    RequestState,
)
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
    "Certificate",
    "CertificateVerification",
    "FeedbackRole",
    "MentorProfile",
    "MentoringFeedback",
    "MentoringMeeting",
    "MentoringRequest",
    "RequestState",
    "SigningKey",
    "StatusEntry",
    "VerificationResult",
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
