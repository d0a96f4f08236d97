"""Members and networks as things to follow (``website.follows``).

A member's new content is its offers, needs, events and news; a network's (a
working group's) is that of its approved members. Only what the network's own
pages show counts: ``public()`` of each model, newest approval first. Each item
carries its search-document id, the identity a saved search sees, so a digest
that reaches one item through a search and a follow lists it once.
"""

from django.utils.translation import gettext_lazy as _

from network.choices import Status
from network.models import B2BPost, Member, MemberActivity, Network
from search.registry import source_for
from website.follows import ITEMS_LIMIT, FollowedItem, register_followable


def _item(obj):
    return FollowedItem(
        key=source_for(obj).document_id(obj), title=obj.title, url=obj.get_absolute_url(),
        kind=str(obj.get_kind_display()), published=obj.approved_at,
    )


def items_of(members):
    """The newest public posts and activities of ``members`` (a queryset of members)."""
    found = [
        *B2BPost.objects.public().filter(member__in=members).order_by("-approved_at")[:ITEMS_LIMIT],
        *MemberActivity.objects.public().filter(member__in=members)
        .order_by("-approved_at")[:ITEMS_LIMIT],
    ]
    found.sort(key=lambda obj: obj.approved_at or obj.created_at, reverse=True)
    return [_item(obj) for obj in found[:ITEMS_LIMIT]]


def member_items(member):
    return items_of(Member.objects.filter(pk=member.pk))


def network_items(network):
    return items_of(Member.objects.filter(
        network_memberships__network=network, network_memberships__status=Status.APPROVED,
    ))


def register_followables():
    register_followable(
        "member", _("Member"), lambda key: Member.objects.public().filter(slug=key).first(),
        member_items,
    )
    register_followable(
        "network", _("Network or working group"),
        lambda key: Network.objects.filter(slug=key).first(), network_items,
    )
