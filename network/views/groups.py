from django.contrib import messages
from django.db import transaction
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from network import joining, moderation, relay
from network.choices import Status
from network.models import Network, NetworkMembership
from network.views.common import member_required, own_member


def group_list(request):
    groups = Network.objects.select_related("coordinator", "pillar")
    return render(request, "network/group_list.html", {"groups": groups})


def group_detail(request, slug):
    group = get_object_or_404(Network.objects.select_related("coordinator"), slug=slug)
    viewer = own_member(request)
    memberships = group.memberships.select_related("member").filter(
        member__status=Status.APPROVED, member__listed=True
    )
    is_coordinator = bool(viewer and group.coordinator_id == viewer.pk)
    context = {
        "group": group,
        "members": [m.member for m in memberships if m.status == Status.APPROVED],
        "pending": (
            group.memberships.select_related("member").filter(status=Status.PENDING)
            if is_coordinator else []
        ),
        "is_coordinator": is_coordinator,
        "mine": group.memberships.filter(member=viewer).first() if viewer else None,
    }
    return render(request, "network/group_detail.html", context)


@require_POST
@member_required
def group_join(request, member, slug):
    group = get_object_or_404(Network.objects.select_related("coordinator__user"), slug=slug)
    with transaction.atomic():
        membership, created = NetworkMembership.objects.get_or_create(
            network=group, member=member, defaults={"submitted_at": timezone.now()}
        )
        who = joining.tell(membership, relay.centre_address(request)) if created else None
    if who is None:
        messages.info(request, _("You have asked to join already. Your membership: %(status)s")
                      % {"status": membership.get_status_display()})
    else:
        messages.success(request, joining.confirmation(who, group))
    return redirect(group.get_absolute_url())


@require_POST
@member_required
def group_leave(request, member, slug):
    group = get_object_or_404(Network, slug=slug)
    NetworkMembership.objects.filter(network=group, member=member).delete()
    messages.success(request, _("You left the group."))
    return redirect(group.get_absolute_url())


@require_POST
@member_required
def group_decide(request, member, slug, pk):
    """The coordinator approves or declines a request (editors do it in the admin)."""
    group = get_object_or_404(Network, slug=slug, coordinator=member)
    membership = get_object_or_404(NetworkMembership, pk=pk, network=group)
    decision = request.POST.get("decision")
    if decision == "approve":
        moderation.approve(membership)
        messages.success(request, _("%(member)s is now a member of the group.")
                         % {"member": membership.member.name})
    elif decision == "reject":
        moderation.reject(membership, "")
        messages.success(request, _("The request of %(member)s is declined.")
                         % {"member": membership.member.name})
    else:
        raise Http404
    return redirect(group.get_absolute_url())
