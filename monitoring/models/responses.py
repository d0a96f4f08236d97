"""Answers, invitations and the record of who was sent a consultation's result.

One answer per respondent is a database rule, not a check in a view: a member
organisation has at most one ``Response`` per questionnaire (a unique
constraint), a browser id at most one, and an invitation at most one (a
one-to-one link, or in anonymised mode the invitation's ``completed`` flag,
set by one conditional update). So two submits at the same moment leave one
row whatever the timing (``monitoring.respond``).

An anonymised response has no member, account, invitation or browser id, no
time of day (``submitted_at`` and ``updated_at`` are empty; ``submitted_on``
keeps the day for the figures per period) and a random primary key, so not
even the order of the rows hints at who answered when.
"""

import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from monitoring.choices import RespondentMode, Role


class Invitation(models.Model):
    """One address invited to a questionnaire; the mailed link carries a signed ``public_id``."""

    questionnaire_key = models.UUIDField(_("questionnaire"), db_index=True)
    email = models.EmailField(_("e-mail"))
    language = models.CharField(_("language"), max_length=10, choices=settings.LANGUAGES)
    member = models.ForeignKey(
        "network.Member", verbose_name=_("member"), null=True, blank=True,
        on_delete=models.SET_NULL, related_name="+",
    )
    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    completed = models.BooleanField(_("completed"), default=False)
    invited_at = models.DateTimeField(_("invitation sent"), null=True, blank=True)
    last_mailed_at = models.DateTimeField(_("last mailed"), null=True, blank=True)
    reminders_sent = models.PositiveSmallIntegerField(_("reminders sent"), default=0)
    created_at = models.DateTimeField(_("added"), auto_now_add=True)

    class Meta:
        verbose_name = _("invitation")
        verbose_name_plural = _("invitations")
        ordering = ["email"]
        constraints = [
            models.UniqueConstraint(fields=["questionnaire_key", "email"],
                                    name="monitoring_unique_invitation_email"),
        ]

    def __str__(self):
        return self.email


class Response(models.Model):
    """One respondent's answers to one questionnaire (all its language versions)."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    questionnaire_key = models.UUIDField(_("questionnaire"), db_index=True)
    mode = models.CharField(_("mode"), max_length=10, choices=RespondentMode.choices)
    language = models.CharField(_("language"), max_length=10, choices=settings.LANGUAGES)
    answers = models.JSONField(_("answers"), default=dict)
    role = models.CharField(_("counts as"), max_length=20, choices=Role.choices,
                            default=Role.STAKEHOLDER)
    member = models.ForeignKey(
        "network.Member", verbose_name=_("member"), null=True, blank=True,
        on_delete=models.SET_NULL, related_name="+",
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("account"), null=True, blank=True,
        on_delete=models.SET_NULL, related_name="+",
    )
    invitation = models.OneToOneField(
        Invitation, verbose_name=_("invitation"), null=True, blank=True,
        on_delete=models.SET_NULL, related_name="response",
    )
    browser_id = models.CharField(_("browser"), max_length=64, null=True, blank=True)
    submitted_on = models.DateField(_("day submitted"), db_index=True)
    submitted_at = models.DateTimeField(_("submitted"), null=True, blank=True)
    updated_at = models.DateTimeField(_("changed"), null=True, blank=True)

    class Meta:
        verbose_name = _("questionnaire answer")
        verbose_name_plural = _("questionnaire answers")
        ordering = ["submitted_on", "submitted_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["questionnaire_key", "member"], condition=Q(member__isnull=False),
                name="monitoring_one_response_per_member",
            ),
            models.UniqueConstraint(
                fields=["questionnaire_key", "browser_id"], condition=Q(browser_id__isnull=False),
                name="monitoring_one_response_per_browser",
            ),
        ]

    def __str__(self):
        return f"{self.questionnaire_key} · {self.submitted_on}"


class ResultNotice(models.Model):
    """A consultation's result was mailed to this address (a hash of it): at most once each."""

    consultation_key = models.UUIDField(db_index=True)
    address_hash = models.CharField(max_length=64)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("result notice")
        constraints = [
            models.UniqueConstraint(fields=["consultation_key", "address_hash"],
                                    name="monitoring_one_result_notice_per_address"),
        ]

    def __str__(self):
        return f"{self.consultation_key} · {self.address_hash[:8]}"
