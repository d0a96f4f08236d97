"""Members' comments on the sections of a consultation's draft text, moderated.

``ModeratedComment`` stands in for the site's shared ``Moderated`` base
(``website``: status, rejection reason, approval time, approve/reject), which
is being written on another branch; it has the same fields and methods, so
``ConsultationComment`` changes its base class and nothing else when that lands.
"""

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from website.choices import Status


class ModeratedComment(models.Model):
    """Nothing is public before an editor approves it; a rejection keeps its reason."""

    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.PENDING, db_index=True
    )
    rejection_reason = models.TextField(_("reason for rejection"), blank=True)
    approved_at = models.DateTimeField(_("approved"), null=True, blank=True)

    class Meta:
        abstract = True

    def approve(self):
        self.status = Status.APPROVED
        self.rejection_reason = ""
        self.approved_at = timezone.now()

    def reject(self, reason):
        self.status = Status.REJECTED
        self.rejection_reason = reason


class ConsultationComment(ModeratedComment):
    """A member's comment on one section (by its code) of a consultation, in any language."""

    consultation_key = models.UUIDField(_("consultation"), db_index=True)
    page = models.ForeignKey(
        "wagtailcore.Page", verbose_name=_("consultation page"), null=True,
        on_delete=models.SET_NULL, related_name="+",
    )
    section = models.CharField(_("section"), max_length=40)
    member = models.ForeignKey(
        "network.Member", verbose_name=_("member"), on_delete=models.CASCADE,
        related_name="consultation_comments",
    )
    language = models.CharField(_("language"), max_length=10)
    body = models.TextField(_("comment"))
    created_at = models.DateTimeField(_("written"), auto_now_add=True, db_index=True)

    class Meta:
        verbose_name = _("consultation comment")
        verbose_name_plural = _("consultation comments")
        ordering = ["created_at"]

    def __str__(self):
        excerpt = " ".join(self.body.split())[:60]
        return f"{self.member} · {excerpt}"
