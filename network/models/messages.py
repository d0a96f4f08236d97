"""Messages between members, relayed by the site so that addresses stay private."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from network.choices import MessageStatus


class ContactMessage(models.Model):
    """A message stored before it is mailed, so nothing is lost when mail fails.

    The recipient's address is never shown; the sender's goes only into the
    mail's Reply-To header.
    """

    sender = models.ForeignKey(
        "network.Member", verbose_name=_("sender"), null=True, blank=True,
        on_delete=models.CASCADE, related_name="sent_messages",
    )
    sender_email = models.EmailField(_("sender e-mail"))
    recipient = models.ForeignKey(
        "network.Member", verbose_name=_("recipient"), on_delete=models.CASCADE,
        related_name="received_messages",
    )
    post = models.ForeignKey(
        "network.B2BPost", verbose_name=_("about"), null=True, blank=True,
        on_delete=models.SET_NULL, related_name="+",
    )
    subject = models.CharField(_("subject"), max_length=200)
    body = models.TextField(_("message"))
    status = models.CharField(
        _("status"), max_length=10, choices=MessageStatus.choices, default=MessageStatus.QUEUED,
        db_index=True,
    )
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    last_error = models.TextField(_("last error"), blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    sent_at = models.DateTimeField(_("sent"), null=True, blank=True)

    class Meta:
        verbose_name = _("contact message")
        verbose_name_plural = _("contact messages")
        ordering = ["-created_at"]

    def __str__(self):
        return self.subject
