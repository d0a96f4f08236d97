"""B2B offers and needs (industrial symbiosis) and the matches between them."""

from django.core.validators import MinValueValidator, RegexValidator
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from network.choices import Frequency, PostCategory, PostKind, Status
from website.models.moderation import Moderated, ModeratedQuerySet

waste_code_validator = RegexValidator(
    r"^\d{2} \d{2} \d{2}\*?$",
    _("Use the European Waste Catalogue form “04 02 22” (a trailing * marks hazardous waste)."),
)


class B2BPostQuerySet(ModeratedQuerySet):
    def public(self):
        """Approved, unexpired posts of approved, listed members."""
        return self.filter(
            status=Status.APPROVED,
            valid_until__gte=timezone.localdate(),
            member__status=Status.APPROVED,
            member__listed=True,
        )

    def expired(self):
        return self.filter(valid_until__lt=timezone.localdate())


class B2BPost(Moderated):
    """An offer (“I have”) or a need (“I look for”) of one member.

    Moderated like events (an edit of an approved post waits while the approved
    version stays public; its end date applies at once); it leaves listings and the search index by itself
    once ``valid_until`` has passed (``public()`` filters on today's date in
    Europe/Sofia; ``network.sweep.sweep_expired_posts`` hands it to the
    search outbox on the first request of the next day, ``expire_b2b_posts``
    does the same from a scheduler).
    """

    member = models.ForeignKey(
        "network.Member", verbose_name=_("member"), on_delete=models.CASCADE, related_name="posts"
    )
    kind = models.CharField(_("kind"), max_length=10, choices=PostKind.choices)
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"))
    category = models.CharField(_("category"), max_length=30, choices=PostCategory.choices)
    waste_code = models.CharField(
        _("European Waste Catalogue code"), max_length=9, blank=True,
        validators=[waste_code_validator],
    )
    quantity = models.DecimalField(
        _("quantity"), max_digits=12, decimal_places=2, null=True, blank=True,
        validators=[MinValueValidator(0)],
    )
    unit = models.CharField(_("unit"), max_length=30, blank=True)
    frequency = models.CharField(
        _("frequency"), max_length=15, choices=Frequency.choices, default=Frequency.ONE_OFF
    )
    region = models.ForeignKey(
        "website.Region", verbose_name=_("region"), null=True, blank=True,
        on_delete=models.SET_NULL, related_name="+",
        help_text=_("Leave empty if anywhere will do."),
    )
    valid_until = models.DateField(_("valid until"))
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    objects = B2BPostQuerySet.as_manager()

    unmoderated_fields = ("valid_until",)

    class Meta:
        verbose_name = _("offer or need")
        verbose_name_plural = _("offers and needs")
        ordering = ["-created_at"]

    def __str__(self):
        return f"{self.get_kind_display()}: {self.title}"

    def get_absolute_url(self):
        return reverse("network:post_detail", kwargs={"pk": self.pk})

    @property
    def is_expired(self):
        return self.valid_until < timezone.localdate()

    @property
    def is_public(self):
        return (
            self.status == Status.APPROVED and not self.is_expired and self.member.is_public
        )


class MatchNotice(models.Model):
    """A match to tell ``post``'s owner about in the next daily digest."""

    post = models.ForeignKey(B2BPost, on_delete=models.CASCADE, related_name="match_notices")
    match = models.ForeignKey(B2BPost, on_delete=models.CASCADE, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    sent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("match notice")
        constraints = [
            models.UniqueConstraint(fields=["post", "match"], name="unique_match_notice")
        ]

    def __str__(self):
        return f"{self.post} ↔ {self.match}"
