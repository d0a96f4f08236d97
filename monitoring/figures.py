"""The approval flow of figures staff report: draft → submitted → approved or returned.

A figure counts (``monitoring.indicators``) only once approved, and never by
the person who reported it: a second editor, or a moderator, checks the value
against its evidence. Submitted and approved figures cannot be edited; a
returned one goes back to its reporter with the reason, to fix and submit again.
Each step checks the state it starts from, so a stale form changes nothing.
"""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from monitoring.choices import FigureStatus
from monitoring.models import ReportedFigure

APPROVE = "monitoring.approve_reportedfigure"
EDITABLE = (FigureStatus.DRAFT, FigureStatus.RETURNED)


def _locked(figure, expected):
    """The figure re-read under a row lock, in the state the step starts from."""
    current = ReportedFigure.objects.select_for_update().get(pk=figure.pk)
    if current.status not in expected:
        raise ValidationError(_("This figure is %(status)s: nothing was changed.")
                              % {"status": current.get_status_display().lower()})
    return current


@transaction.atomic
def submit(figure, user):
    figure = _locked(figure, EDITABLE)
    if not figure.has_evidence():
        raise ValidationError(_("Add evidence (a note, a link or a document) before submitting."))
    figure.status, figure.submitted_at, figure.return_reason = (
        FigureStatus.SUBMITTED, timezone.now(), "")
    figure.save(update_fields=["status", "submitted_at", "return_reason"])
    return figure


def may_decide(user, figure):
    return user.has_perm(APPROVE) and user.pk != figure.created_by_id


@transaction.atomic
def approve(figure, user):
    figure = _locked(figure, (FigureStatus.SUBMITTED,))
    if not may_decide(user, figure):
        raise PermissionDenied(_("Another editor approves a figure, not the one who reported it."))
    figure.status, figure.decided_by, figure.decided_at = (
        FigureStatus.APPROVED, user, timezone.now())
    figure.save(update_fields=["status", "decided_by", "decided_at"])
    return figure


@transaction.atomic
def return_figure(figure, user, reason):
    figure = _locked(figure, (FigureStatus.SUBMITTED,))
    if not may_decide(user, figure):
        raise PermissionDenied(_("Another editor returns a figure, not the one who reported it."))
    if not reason.strip():
        raise ValidationError(_("Say why the figure is returned."))
    figure.status, figure.return_reason, figure.decided_by, figure.decided_at = (
        FigureStatus.RETURNED, reason.strip(), user, timezone.now())
    figure.save(update_fields=["status", "return_reason", "decided_by", "decided_at"])
    return figure
