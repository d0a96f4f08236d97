"""Mentoring: members who offer it, requests for it, the meetings held and both sides' feedback.

One model serves one-to-one mentoring and peer mentoring inside a network or
working group (a request then names the group, and both sides belong to it).
A mentor's profile is what learners read (expertise, terms, languages,
levels), so it is ``Moderated``: learners are offered a mentor only once an
editor has approved the profile, and an approved profile's later edit waits
while the approved version is the one offered. Capacity and the availability
switch apply at once: they say whether the mentor takes requests now, and
switching off must decline the waiting ones immediately.
A request moves only through ``learning.mentoring.rules``, which locks the
request (and the mentor, where capacity counts) so that two clicks or two
people never take it two ways.
"""

import datetime as dt

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from learning.choices import Level
from website.choices import Status
from website.models.moderation import Moderated, ModeratedQuerySet


class RequestState(models.TextChoices):
    REQUESTED = "requested", pgettext_lazy("mentoring request state", "Requested")
    VIEWED = "viewed", _("Seen by the mentor")
    ACCEPTED = "accepted", _("Accepted")
    DECLINED = "declined", _("Declined")
    COMPLETED = "completed", _("Completed")
    CANCELLED = "cancelled", _("Cancelled")
    EXPIRED = "expired", _("Expired")


OPEN_STATES = (RequestState.REQUESTED, RequestState.VIEWED)
ACTIVE_STATES = (RequestState.ACCEPTED,)


class MentorProfileQuerySet(ModeratedQuerySet):
    def offered(self):
        """Mentors a learner may be offered and ask: approved, available, a public member."""
        return self.approved().filter(available=True, member__status=Status.APPROVED,
                                      member__listed=True)


class MentorProfile(Moderated):
    """A member's offer to mentor: what about, in which languages, for whom, and how many at once."""

    member = models.OneToOneField(
        "network.Member", verbose_name=_("member"), on_delete=models.CASCADE,
        related_name="mentor_profile",
    )
    themes = models.ManyToManyField(
        "website.ThematicPriority", verbose_name=_("thematic priorities"), blank=True,
        related_name="+",
    )
    topics = models.ManyToManyField(
        "learning.Topic", verbose_name=_("topics"), blank=True, related_name="+")
    expertise = models.TextField(
        _("expertise"), max_length=2000,
        help_text=_("What you can help with, in a few sentences."))
    languages = models.JSONField(_("languages"), default=list)
    levels = models.JSONField(_("growth levels served"), default=list)
    capacity = models.PositiveSmallIntegerField(
        _("mentees at a time"), default=2, validators=[MinValueValidator(1),
                                                        MaxValueValidator(50)])
    available = models.BooleanField(
        _("available for new requests"), default=True,
        help_text=_("Switching this off declines the requests you have not answered yet."))
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    unmoderated_fields = ("capacity", "available")

    objects = MentorProfileQuerySet.as_manager()

    class Meta:
        verbose_name = _("mentor")
        verbose_name_plural = _("mentors")
        ordering = ["member__name"]

    def __str__(self):
        return str(self.member)

    def active_count(self):
        return self.requests.filter(state__in=ACTIVE_STATES).count()

    def free_places(self):
        return max(0, self.capacity - self.active_count())

    def level_labels(self):
        names = dict(Level.choices)
        return [str(names.get(code, code)) for code in self.levels]


class MentoringRequest(models.Model):
    """A learner's (or member's) request for a mentor, and where it stands."""

    learner = models.ForeignKey(
        "network.Member", verbose_name=_("learner"), on_delete=models.CASCADE,
        related_name="mentoring_requests",
    )
    mentor = models.ForeignKey(
        MentorProfile, verbose_name=_("mentor"), on_delete=models.CASCADE,
        related_name="requests",
    )
    programme = models.ForeignKey(
        "learning.ProgrammePage", verbose_name=_("programme"), null=True, blank=True,
        on_delete=models.SET_NULL, related_name="+",
    )
    # The programme's identity shared by its translations (mentoring hours count per programme).
    programme_key = models.UUIDField(null=True, blank=True, editable=False, db_index=True)
    network = models.ForeignKey(
        "network.Network", verbose_name=_("network or working group (peer mentoring)"),
        null=True, blank=True, on_delete=models.SET_NULL, related_name="+",
    )
    message = models.TextField(_("what you would like help with"), max_length=3000)
    level = models.CharField(_("growth level"), max_length=20, choices=Level.choices,
                             blank=True)
    language = models.CharField(_("language"), max_length=10, blank=True)
    state = models.CharField(_("state"), max_length=20, choices=RequestState.choices,
                             default=RequestState.REQUESTED, db_index=True)
    created_at = models.DateTimeField(_("requested"), default=timezone.now)
    viewed_at = models.DateTimeField(_("seen"), null=True, blank=True)
    reminded_at = models.DateTimeField(_("mentor reminded"), null=True, blank=True)
    answered_at = models.DateTimeField(_("answered"), null=True, blank=True)
    closed_at = models.DateTimeField(_("closed"), null=True, blank=True)
    reason = models.TextField(_("reason"), blank=True, max_length=1000)
    declined_automatically = models.BooleanField(_("declined automatically"), default=False)

    class Meta:
        verbose_name = _("mentoring request")
        verbose_name_plural = _("mentoring requests")
        ordering = ["-created_at"]
        constraints = [
            # One open or running request per learner and mentor: asking twice is one request.
            models.UniqueConstraint(
                fields=["learner", "mentor"],
                condition=models.Q(state__in=["requested", "viewed", "accepted"]),
                name="unique_open_mentoring_request",
            ),
        ]

    def __str__(self):
        return f"{self.learner} → {self.mentor} · {self.get_state_display()}"

    def get_absolute_url(self):
        return reverse("learning:mentoring_request", kwargs={"pk": self.pk})

    @property
    def is_open(self):
        return self.state in OPEN_STATES

    def hours(self):
        minutes = sum(m.duration_minutes for m in self.meetings.all() if m.is_held)
        return minutes / 60


class MentoringMeeting(models.Model):
    """A meeting of a mentor and a learner: when, how long, where, and notes both can read."""

    request = models.ForeignKey(
        MentoringRequest, verbose_name=_("mentoring request"), on_delete=models.CASCADE,
        related_name="meetings",
    )
    starts_at = models.DateTimeField(_("starts"))
    duration_minutes = models.PositiveSmallIntegerField(
        _("duration (minutes)"), default=60,
        validators=[MinValueValidator(5), MaxValueValidator(600)])
    place = models.CharField(_("place or online link"), max_length=300, blank=True)
    notes = models.TextField(_("notes"), blank=True, max_length=5000)
    logged_by = models.ForeignKey(
        "network.Member", verbose_name=_("logged by"), null=True, on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("logged"), auto_now_add=True)
    sequence = models.PositiveSmallIntegerField(default=0, editable=False)

    class Meta:
        verbose_name = _("mentoring meeting")
        verbose_name_plural = _("mentoring meetings")
        ordering = ["starts_at", "pk"]

    def __str__(self):
        return f"{self.request} · {timezone.localtime(self.starts_at):%Y-%m-%d %H:%M}"

    @property
    def ends_at(self):
        return self.starts_at + dt.timedelta(minutes=self.duration_minutes)

    @property
    def is_held(self):
        """A meeting counts (towards mentoring hours) once it is over."""
        return self.ends_at <= timezone.now()


class FeedbackRole(models.TextChoices):
    MENTOR = "mentor", _("Mentor")
    LEARNER = "learner", _("Learner")


class MentoringFeedback(models.Model):
    """What one side says about the mentoring: a rating and a comment, one per side."""

    request = models.ForeignKey(
        MentoringRequest, verbose_name=_("mentoring request"), on_delete=models.CASCADE,
        related_name="feedback",
    )
    role = models.CharField(_("from the"), max_length=10, choices=FeedbackRole.choices)
    rating = models.PositiveSmallIntegerField(
        _("rating"), validators=[MinValueValidator(1), MaxValueValidator(5)])
    comment = models.TextField(_("comment"), blank=True, max_length=3000)
    created_at = models.DateTimeField(_("given"), auto_now_add=True)

    class Meta:
        verbose_name = _("mentoring feedback")
        verbose_name_plural = _("mentoring feedback")
        constraints = [
            models.UniqueConstraint(fields=["request", "role"],
                                    name="unique_feedback_per_side"),
        ]

    def __str__(self):
        return f"{self.request} · {self.get_role_display()} · {self.rating}"
