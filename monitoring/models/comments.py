"""Members' comments on the sections of a consultation's draft text, moderated.

A comment is moderated with the site's shared ``Moderated`` base
(``website.models.moderation``): it is public only once an editor approves it
and while its member is public. A member cannot edit a comment once sent (a
second thought is a new comment), so a comment never has a waiting edit:
``pending_changes`` stays empty and an approved comment never changes.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _

from website.choices import Status
from website.models.moderation import Moderated, ModeratedQuerySet


class CommentQuerySet(ModeratedQuerySet):
    def public(self):
        """Approved comments of approved, listed members: the only ones anyone else sees.

        A member who leaves the directory or loses its approval takes its
        comments off the page with it.
        """
        return self.approved().filter(member__status=Status.APPROVED, member__listed=True)


class ConsultationComment(Moderated):
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

    objects = CommentQuerySet.as_manager()

    class Meta:
        verbose_name = _("consultation comment")
        verbose_name_plural = _("consultation comments")
        ordering = ["created_at"]

    def __str__(self):
        excerpt = " ".join(self.body.split())[:60]
        return f"{self.member} · {excerpt}"
