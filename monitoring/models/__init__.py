"""Questionnaires and their answers, public consultations and their comments."""

from .comments import ConsultationComment
from .consultations import ConsultationIndexPage, ConsultationPage, ConsultationPolicyLink
from .questionnaires import QuestionnaireIndexPage, QuestionnairePage
from .responses import Invitation, Response, ResultNotice

__all__ = [
    "ConsultationComment",
    "ConsultationIndexPage",
    "ConsultationPage",
    "ConsultationPolicyLink",
    "Invitation",
    "QuestionnaireIndexPage",
    "QuestionnairePage",
    "Response",
    "ResultNotice",
]
