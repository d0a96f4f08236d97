"""Outgoing mail: every e-mail the site sends, stored before it is sent.

A row is written in the caller's transaction and sent by a task after commit
(``website.mail``), so a dead mail server never breaks a request and nothing
is lost: failed sends wait with a backoff and are retried until
``MAX_ATTEMPTS``, after which the row is failed and listed for staff.
"""

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class MailStatus(models.TextChoices):
    QUEUED = "queued", _("Queued")
    SENDING = "sending", _("Sending")
    SENT = "sent", _("Sent")
    FAILED = "failed", _("Failed (gave up)")


class MailKind(models.TextChoices):
    ACCOUNT = "account", _("Account")
    MODERATION = "moderation", _("Moderation")
    MODERATION_DIGEST = "moderation-digest", _("Daily moderation digest")
    DIGEST = "digest", _("Match digest")
    CALL_REMINDER = "call-reminder", _("Funding call deadline reminder")
    CONTACT = "contact", _("Contact message")
    SURVEY = "survey", _("Survey invitation or consultation result")
    ERRORS = "errors", _("Error report")
    OTHER = "other", _("Other (admin notifications)")


class OutgoingMail(models.Model):
    """One e-mail to send (or sent). The body is cleared once sent: it may carry a sign-in link.

    A worker takes a row by changing its status from queued to sending in one
    conditional update, so two workers never send the same row.
    """

    kind = models.CharField(_("kind"), max_length=20, choices=MailKind.choices, db_index=True)
    to = models.JSONField(_("to"), default=list)
    reply_to = models.JSONField(_("reply to"), default=list, blank=True)
    from_email = models.CharField(_("from"), max_length=320, blank=True)
    subject = models.CharField(_("subject"), max_length=255)
    body = models.TextField(_("text"), blank=True)
    html = models.TextField(_("HTML"), blank=True)
    language = models.CharField(_("language"), max_length=10, blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=MailStatus.choices, default=MailStatus.QUEUED,
        db_index=True,
    )
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    next_attempt_at = models.DateTimeField(_("next attempt"), default=timezone.now, db_index=True)
    claimed_at = models.DateTimeField(_("sending since"), null=True, blank=True)
    last_error = models.TextField(_("last error"), blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    sent_at = models.DateTimeField(_("sent"), null=True, blank=True)

    class Meta:
        verbose_name = _("outgoing mail")
        verbose_name_plural = _("outgoing mail")
        ordering = ["-created_at", "-pk"]

    def __str__(self):
        return self.subject

    @property
    def recipients(self):
        return ", ".join(self.to)
