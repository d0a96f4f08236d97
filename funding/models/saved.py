"""Calls a member organisation saved (bookmarked), and the one reminder each gets."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class SavedCall(models.Model):
    """A member's bookmark on a call; ``reminded_at`` records the deadline reminder, sent once.

    The member is named by string: funding does not import the network app.
    """

    member = models.ForeignKey(
        "network.Member", verbose_name=_("member"), on_delete=models.CASCADE,
        related_name="saved_calls",
    )
    call = models.ForeignKey(
        "funding.FundingCallPage", verbose_name=_("funding call"), on_delete=models.CASCADE,
        related_name="saved_by",
    )
    created_at = models.DateTimeField(_("saved"), auto_now_add=True)
    reminded_at = models.DateTimeField(_("deadline reminder sent"), null=True, blank=True)

    class Meta:
        verbose_name = _("saved funding call")
        verbose_name_plural = _("saved funding calls")
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(fields=["member", "call"], name="funding_saved_call_once"),
        ]

    def __str__(self):
        return f"{self.member} · {self.call}"
