"""Request-time sweep: survey invitations and reminders go out without cron.

At most every ``SURVEY_INVITATION_SWEEP_SECONDS`` one request hands the due
invitations and reminders to the mail queue (``monitoring.invitations.send_due``);
``website.sweeps.exclusively`` keeps two processes from doing it at once, and
each mail is claimed by a conditional update anyway. The command
``send_survey_invitations`` does the same from a scheduler.
"""

from django.conf import settings
from django.core.cache import cache

from monitoring import invitations
from website.sweeps import exclusively

SWEPT_KEY = "monitoring:invitations-swept"
LOCK_KEY = "monitoring:invitations-sweeping"


def send_invitations():
    """Returns (invitations, reminders) mailed, or None when not due or already running."""
    if not cache.add(SWEPT_KEY, True, timeout=settings.SURVEY_INVITATION_SWEEP_SECONDS):
        return None
    return exclusively(LOCK_KEY, invitations.send_due)
