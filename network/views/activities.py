from django.contrib import messages
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from network import indexing
from network.forms import MemberActivityForm
from network.ical import activity_response
from network.models import MemberActivity
from network.views.common import member_required, own_member, posted
from website import uploads
from website.moderation import OUTCOME_MESSAGES, save_submission
from website.submissions import submit_once


def activity_detail(request, pk):
    activity = get_object_or_404(MemberActivity.objects.select_related("member"), pk=pk)
    viewer = own_member(request)
    is_owner = viewer is not None and viewer.pk == activity.member_id
    if not activity.is_public and not is_owner:
        raise Http404
    return render(request, "network/activity_detail.html",
                  {"activity": activity, "is_owner": is_owner})


def activity_ical(request, pk):
    activity = get_object_or_404(
        MemberActivity.objects.public().exclude(start__isnull=True), pk=pk
    )
    return activity_response(activity, request)


@member_required
def activity_create(request, member):
    form = MemberActivityForm(posted(request), submitter=request.user)
    if request.method == "POST" and form.is_valid():
        def create():
            save_submission(form, member=member)
            return reverse("network:dashboard")

        return submit_once(
            request, form, create, _("Saved; it appears once an editor approves it.")
        )
    return render(request, "network/activity_form.html", {"form": form})


@member_required
def activity_edit(request, member, pk):
    activity = get_object_or_404(MemberActivity, pk=pk, member=member)
    form = MemberActivityForm(posted(request), instance=activity.draft())
    if request.method == "POST" and form.is_valid():
        with uploads.atomic():
            activity, outcome = save_submission(form)  # an approved one stays public meanwhile
            indexing.sync(activity)
        messages.success(request, OUTCOME_MESSAGES.get(outcome, _(
            "Saved; it appears once an editor approves it.")))
        return redirect("network:dashboard")
    return render(request, "network/activity_form.html", {"form": form, "activity": activity})


@require_POST
@member_required
def activity_delete(request, member, pk):
    activity = get_object_or_404(MemberActivity, pk=pk, member=member)
    indexing.remove(activity)
    activity.delete()
    messages.success(request, _("Deleted."))
    return redirect("network:dashboard")
