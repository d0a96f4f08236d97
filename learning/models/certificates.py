"""Certificates: the signed credential a completion earns, its status entry, and who checked it.

A ``Certificate`` is one record with three faces that never disagree: the
signed Open Badges 3.0 credential (``jwt``, what ``/certificates/<code>.jwt``
serves), its decoded JSON, and the PDF and verification page made from the
same fields. ``learning.certificates.issuing`` is the only writer: it issues,
re-issues (same id, code and URL; a new signature) and revokes.

Revocation is published through a W3C Bitstring Status List: each issue of a
certificate owns a ``StatusEntry`` (a position in a list), and a revoked
entry's bit is set. A revoked entry stays revoked (the standard's revocation
is final), so re-issuing a revoked certificate gives it a new entry: the old
signed copy keeps pointing at the set bit and stays rejected.

The public keys the centre signed with are kept (``SigningKey``), so the DID
document lists the current key and every earlier one, and certificates signed
before a key rotation still verify. The private key never enters the database.
"""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class SigningKey(models.Model):
    """A public key the centre has signed certificates with (``did:web:<host>#key-<number>``)."""

    number = models.PositiveIntegerField(_("number"), unique=True)
    thumbprint = models.CharField(_("thumbprint"), max_length=64, unique=True)
    public_jwk = models.JSONField(_("public key (JWK)"))
    first_used_at = models.DateTimeField(_("first used"), default=timezone.now)

    class Meta:
        verbose_name = _("signing key")
        verbose_name_plural = _("signing keys")
        ordering = ["number"]

    def __str__(self):
        return f"key-{self.number}"

    @property
    def fragment(self):
        return f"key-{self.number}"


class StatusEntry(models.Model):
    """A position in a status list; its bit is set once the issue it belongs to is revoked.

    Positions are drawn at random (the standard's advice), so a list's
    neighbours say nothing about who was certified when.
    """

    list_number = models.PositiveIntegerField(_("status list"), default=1)
    index = models.PositiveIntegerField(_("position"))
    # Kept (and revoked) when its certificate is deleted with the learner's account: a
    # copy of the credential somewhere must not turn valid again by its bit going clear.
    certificate = models.ForeignKey(
        "learning.Certificate", verbose_name=_("certificate"), null=True,
        on_delete=models.SET_NULL, related_name="status_entries",
    )
    created_at = models.DateTimeField(_("created"), default=timezone.now)
    revoked_at = models.DateTimeField(_("revoked"), null=True, blank=True)

    class Meta:
        verbose_name = _("status list entry")
        verbose_name_plural = _("status list entries")
        constraints = [
            models.UniqueConstraint(fields=["list_number", "index"],
                                    name="unique_status_list_position"),
        ]

    def __str__(self):
        return f"{self.list_number}#{self.index}"


class Certificate(models.Model):
    """The certificate of one completion: who, which programme, when, until when, and its state."""

    code = models.CharField(_("verification code"), max_length=20, unique=True, editable=False)
    completion = models.OneToOneField(
        "learning.Completion", verbose_name=_("completion"), on_delete=models.CASCADE,
        related_name="certificate",
    )
    learner = models.ForeignKey(
        "network.Member", verbose_name=_("learner"), on_delete=models.CASCADE,
        related_name="certificates",
    )
    programme = models.ForeignKey(
        "learning.ProgrammePage", verbose_name=_("programme"), on_delete=models.PROTECT,
        related_name="certificates",
    )
    programme_key = models.UUIDField(editable=False, db_index=True)
    # What the credential says, fixed when it is signed (the name as it was that day).
    learner_name = models.CharField(_("name on the certificate"), max_length=200)
    language = models.CharField(_("language"), max_length=10, choices=settings.LANGUAGES)
    valid_from = models.DateTimeField(_("valid from"))
    valid_until = models.DateTimeField(_("valid until"), null=True, blank=True)
    issued_at = models.DateTimeField(_("issued"), default=timezone.now)
    signed_at = models.DateTimeField(_("signed"), default=timezone.now)
    signing_key = models.ForeignKey(
        SigningKey, verbose_name=_("signing key"), on_delete=models.PROTECT, related_name="+")
    status_entry = models.ForeignKey(
        StatusEntry, verbose_name=_("status list entry"), null=True, on_delete=models.SET_NULL,
        related_name="+",
    )
    jwt = models.TextField(_("signed credential"), editable=False)
    reissue_count = models.PositiveSmallIntegerField(_("times re-issued"), default=0)
    revoked_at = models.DateTimeField(_("revoked"), null=True, blank=True)
    revocation_reason = models.TextField(_("reason for revocation"), blank=True)
    revoked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("revoked by"), null=True, blank=True,
        on_delete=models.SET_NULL, related_name="+",
    )

    class Meta:
        verbose_name = _("certificate")
        verbose_name_plural = _("certificates")
        ordering = ["-issued_at"]

    def __str__(self):
        return f"{self.learner_name} · {self.programme} · {self.code}"

    def get_absolute_url(self):
        from django.urls import reverse

        return reverse("certificate", kwargs={"code": self.code})

    def is_expired(self, now=None):
        return self.valid_until is not None and (now or timezone.now()) >= self.valid_until

    def is_current(self, now=None):
        """Neither revoked nor expired: shown on the profile, in the directory and in search."""
        return self.revoked_at is None and not self.is_expired(now)


class VerificationResult(models.TextChoices):
    VALID = "valid", _("Valid")
    EXPIRED = "expired", _("Expired")
    REVOKED = "revoked", _("Revoked")
    INVALID = "invalid", _("Not valid")
    UNKNOWN = "unknown", _("Unknown code")


class CertificateVerification(models.Model):
    """One check of a certificate: its code, when, how it was asked for, and the answer."""

    code = models.CharField(_("code"), max_length=100)
    certificate = models.ForeignKey(
        Certificate, verbose_name=_("certificate"), null=True, blank=True,
        on_delete=models.SET_NULL, related_name="verifications",
    )
    checked_at = models.DateTimeField(_("checked"), default=timezone.now, db_index=True)
    result = models.CharField(_("result"), max_length=10, choices=VerificationResult.choices)
    via = models.CharField(_("checked through"), max_length=10)
    detail = models.CharField(_("detail"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("certificate verification")
        verbose_name_plural = _("certificate verifications")
        ordering = ["-checked_at"]

    def __str__(self):
        return f"{self.code} · {self.result}"
