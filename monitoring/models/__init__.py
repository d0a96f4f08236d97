"""Questionnaires and their answers, public consultations and their comments."""

from .comments import ConsultationComment
from .consultations import ConsultationIndexPage, ConsultationPage, ConsultationPolicyLink
from .impact import ImpactPage
from .indicators import Indicator, IndicatorTarget, ReportedFigure
from .questionnaires import QuestionnaireIndexPage, QuestionnairePage
from .responses import Invitation, Response, ResultNotice

__all__ = [
    "ConsultationComment",
    "ConsultationIndexPage",
    "ConsultationPage",
    "ConsultationPolicyLink",
    "ImpactPage",
    "Indicator",
    "IndicatorTarget",
    "Invitation",
    "QuestionnaireIndexPage",
    "QuestionnairePage",
    "ReportedFigure",
    "Response",
    "ResultNotice",
]
