from django.contrib import messages
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

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
    group = get_object_or_404(Network, slug=slug)
    NetworkMembership.objects.get_or_create(network=group, member=member)
    messages.success(request, _("Your request to join is sent to the coordinator."))
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
    if request.POST.get("decision") == "approve":
        membership.status = Status.APPROVED
        membership.save(update_fields=["status"])
    elif request.POST.get("decision") == "reject":
        membership.status = Status.REJECTED
        membership.save(update_fields=["status"])
    else:
        raise Http404
    return redirect(group.get_absolute_url())
