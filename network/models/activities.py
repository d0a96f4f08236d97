"""Events and news that members submit from the front end."""

from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from network.choices import ActivityKind, Status
from website.models.moderation import Moderated, ModeratedQuerySet


class ActivityQuerySet(ModeratedQuerySet):
    def public(self):
        return self.filter(
            status=Status.APPROVED, member__status=Status.APPROVED, member__listed=True
        )

    def upcoming_events(self):
        return self.public().filter(kind=ActivityKind.EVENT, end__gte=timezone.now())


class MemberActivity(Moderated):
    """An event or a piece of news promoted by a member; public once an editor approves it.

    An edit of an approved one waits for approval while the approved version stays public.
    """

    member = models.ForeignKey(
        "network.Member", verbose_name=_("member"), on_delete=models.CASCADE,
        related_name="activities",
    )
    kind = models.CharField(
        _("kind"), max_length=10, choices=ActivityKind.choices, default=ActivityKind.EVENT
    )
    title = models.CharField(_("title"), max_length=200)
    summary = models.TextField(_("summary"))
    start = models.DateTimeField(_("start"), null=True, blank=True)
    end = models.DateTimeField(_("end"), null=True, blank=True)
    is_online = models.BooleanField(_("online"), default=False)
    place = models.CharField(_("place"), max_length=200, blank=True)
    registration_url = models.URLField(_("registration link"), blank=True)
    capacity = models.PositiveIntegerField(_("capacity"), null=True, blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    objects = ActivityQuerySet.as_manager()

    class Meta:
        verbose_name = _("member event or news")
        verbose_name_plural = _("member events and news")
        ordering = ["-start", "-created_at"]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("network:activity_detail", kwargs={"pk": self.pk})

    @property
    def is_event(self):
        return self.kind == ActivityKind.EVENT

    @property
    def is_public(self):
        return self.status == Status.APPROVED and self.member.is_public
