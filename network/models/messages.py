"""Messages between members, relayed by the site so that addresses stay private."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class ContactMessage(models.Model):
    """A message from one member to another; its e-mail is a row of the outgoing-mail queue.

    The recipient's address is never shown; the sender's goes only into the
    mail's Reply-To header. ``forwarded``: the recipient has no address, so the
    mail went to the centre to be passed on.
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
    forwarded = models.BooleanField(_("sent to the centre to forward"), default=False)
    mail = models.OneToOneField(
        "website.OutgoingMail", verbose_name=_("e-mail"), null=True, blank=True,
        on_delete=models.SET_NULL, related_name="contact_message",
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("contact message")
        verbose_name_plural = _("contact messages")
        ordering = ["-created_at"]

    def __str__(self):
        return self.subject

    @property
    def delivery(self):
        """The e-mail's status, as staff and the sender should hear it."""
        return self.mail.get_status_display() if self.mail_id else _("not sent")
