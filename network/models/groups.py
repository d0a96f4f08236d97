"""Networks and working groups that members join."""

from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from network.choices import GroupKind
from website.models.moderation import Moderated


class Network(models.Model):
    """A transnational network or a cluster working group, with a coordinating member."""

    name = models.CharField(_("name"), max_length=200)
    slug = models.SlugField(_("slug"), max_length=100, unique=True)
    kind = models.CharField(_("kind"), max_length=20, choices=GroupKind.choices)
    description = models.TextField(_("description"), blank=True)
    coordinator = models.ForeignKey(
        "network.Member", verbose_name=_("coordinator"), null=True, blank=True,
        on_delete=models.SET_NULL, related_name="coordinated_networks",
    )
    pillar = models.ForeignKey(
        "website.Pillar", verbose_name=_("pillar"), null=True, blank=True,
        on_delete=models.SET_NULL, related_name="+",
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("network or working group")
        verbose_name_plural = _("networks and working groups")
        ordering = ["kind", "name"]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("network:group_detail", kwargs={"slug": self.slug})


class NetworkMembership(Moderated):
    """A member in a network: requested by the member, approved by the coordinator or an editor.

    The request is mailed to the coordinator, or to the staff when the group has
    no coordinator who can sign in (``network.joining``).
    """

    network = models.ForeignKey(
        Network, verbose_name=_("network"), on_delete=models.CASCADE, related_name="memberships"
    )
    member = models.ForeignKey(
        "network.Member", verbose_name=_("member"), on_delete=models.CASCADE,
        related_name="network_memberships",
    )
    created_at = models.DateTimeField(_("requested"), auto_now_add=True)

    class Meta:
        verbose_name = _("network membership")
        verbose_name_plural = _("network memberships")
        constraints = [
            models.UniqueConstraint(fields=["network", "member"], name="unique_network_member")
        ]

    def __str__(self):
        return f"{self.member} · {self.network}"
