"""Offline (or live online) sessions of a programme, and the learners' bookings.

Bookings are changed only by ``learning.booking``, which locks the session
row so that at most ``capacity`` places are ever confirmed and a freed place
goes to the first person waiting, in the same transaction.
"""

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from learning.choices import AttendanceMethod, BookingStatus


class Session(models.Model):
    """A workshop, seminar or practical session at a date and time, in a room or online.

    Held in one language, so its title and description are written in that
    language rather than translated.
    """

    programme = models.ForeignKey(
        "learning.ProgrammePage", verbose_name=_("programme"), on_delete=models.PROTECT,
        related_name="sessions",
    )
    programme_key = models.UUIDField(editable=False, db_index=True)
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    starts_at = models.DateTimeField(_("starts"))
    ends_at = models.DateTimeField(_("ends"))
    place = models.CharField(_("place"), max_length=300, blank=True,
                             help_text=_("Venue and address."))
    online_url = models.URLField(_("online link"), max_length=500, blank=True,
                                 help_text=_("Shown to learners with a confirmed place."))
    capacity = models.PositiveSmallIntegerField(
        _("places"), validators=[MinValueValidator(1), MaxValueValidator(10_000)])
    facilitator = models.ForeignKey(
        "network.Member", verbose_name=_("facilitator"), null=True, blank=True,
        on_delete=models.SET_NULL, related_name="facilitated_sessions",
        help_text=_("Takes attendance; editors can too."),
    )
    cancel_until = models.DateTimeField(
        _("learners may cancel until"), null=True, blank=True,
        help_text=_("Empty: until the session starts."))
    cancelled = models.BooleanField(_("session cancelled"), default=False)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("session")
        verbose_name_plural = _("sessions")
        ordering = ["starts_at", "pk"]

    def __str__(self):
        return f"{self.title} · {timezone.localtime(self.starts_at):%Y-%m-%d %H:%M}"

    def save(self, *args, **kwargs):
        self.programme_key = self.programme.translation_key
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("learning:session", kwargs={"pk": self.pk})

    def clean(self):
        super().clean()
        errors = {}
        if not self.place and not self.online_url:
            errors["place"] = _("Give a place, an online link or both.")
        if self.starts_at and self.ends_at and self.ends_at <= self.starts_at:
            errors["ends_at"] = _("A session ends after it starts.")
        if self.cancel_until and self.starts_at and self.cancel_until > self.starts_at:
            errors["cancel_until"] = _("Cancelling closes at the latest when the session starts.")
        if errors:
            raise ValidationError(errors)

    @property
    def is_online(self):
        return bool(self.online_url) and not self.place

    @property
    def cancellation_deadline(self):
        return self.cancel_until or self.starts_at

    def is_past(self, now=None):
        return (now or timezone.now()) >= self.starts_at

    def can_cancel(self, now=None):
        return (now or timezone.now()) < self.cancellation_deadline

    @property
    def confirmed_count(self):
        return self.bookings.filter(status=BookingStatus.CONFIRMED).count()


class BookingQuerySet(models.QuerySet):
    def active(self):
        return self.exclude(status=BookingStatus.CANCELLED)

    def waiting_order(self):
        """The waiting list, first come first served."""
        return self.filter(status=BookingStatus.WAITING).order_by("waiting_since", "pk")


class Booking(models.Model):
    """A learner's place (or place on the waiting list) at a session, and attendance."""

    session = models.ForeignKey(
        Session, verbose_name=_("session"), on_delete=models.CASCADE, related_name="bookings")
    learner = models.ForeignKey(
        "network.Member", verbose_name=_("learner"), on_delete=models.CASCADE,
        related_name="session_bookings")
    status = models.CharField(_("status"), max_length=10, choices=BookingStatus.choices)
    created_at = models.DateTimeField(_("booked"), default=timezone.now)
    waiting_since = models.DateTimeField(_("waiting since"), null=True, blank=True)
    confirmed_at = models.DateTimeField(_("place confirmed"), null=True, blank=True)
    promoted_at = models.DateTimeField(
        _("moved up from the waiting list"), null=True, blank=True)
    cancelled_at = models.DateTimeField(_("cancelled"), null=True, blank=True)
    attended_at = models.DateTimeField(_("attended"), null=True, blank=True)
    attendance_method = models.CharField(
        _("attendance taken"), max_length=10, choices=AttendanceMethod.choices, blank=True)
    # The language the learner booked in: messages about the booking are written in it.
    language = models.CharField(_("language"), max_length=10, blank=True)

    objects = BookingQuerySet.as_manager()

    class Meta:
        verbose_name = _("booking")
        verbose_name_plural = _("bookings")
        ordering = ["created_at", "pk"]
        constraints = [
            # One live booking per learner and session; cancelled ones stay as history.
            models.UniqueConstraint(
                fields=["session", "learner"], condition=~Q(status=BookingStatus.CANCELLED),
                name="unique_active_booking"),
        ]
        indexes = [models.Index(fields=["session", "status", "waiting_since"],
                                name="learning_booking_queue_idx")]

    def __str__(self):
        return f"{self.learner} · {self.session} · {self.get_status_display()}"
