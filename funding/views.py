"""A member's saved (bookmarked) calls: save, remove, and the list with the calls it may apply for.

Plain forms that work without JavaScript; each change is a POST with the CSRF
token, and only live, public calls can be saved.
"""

from functools import wraps

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db import IntegrityError, transaction
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from wagtail.models import Locale

from funding.eligibility import current_member, eligible_calls
from funding.models import FundingCallPage, SavedCall


def member_required(view):
    """Signed in and with a member profile; the view receives ``member``."""

    @wraps(view)
    @login_required(login_url="account_login")
    def wrapper(request, *args, **kwargs):
        member = current_member(request)
        if member is None:
            messages.info(request, _("Create your member profile to save funding calls."))
            return redirect("network:profile_edit")
        return view(request, member, *args, **kwargs)

    return wrapper


@require_POST
@member_required
def save_call(request, member, pk):
    call = get_object_or_404(FundingCallPage.objects.live().public(), pk=pk)
    if request.POST.get("action") == "remove":
        SavedCall.objects.filter(member=member, call=call).delete()
        messages.success(request, _("The call was removed from your saved calls."))
    else:
        try:
            with transaction.atomic():
                SavedCall.objects.get_or_create(member=member, call=call)
        except IntegrityError:  # the same save posted twice at once: it is saved
            pass
        messages.success(request, _("The call was saved. You will get a reminder 7 days "
                                    "before its deadline."))
    if request.POST.get("next") == "saved":
        return redirect("funding_saved_calls")
    return redirect(call.get_url(request) or "/")


@member_required
def saved_calls(request, member):
    locale = Locale.get_active()
    saved = (SavedCall.objects.filter(member=member, call__in=FundingCallPage.objects.live()
                                      .public().values("pk"))
             .select_related("call").order_by("call__deadline", "pk"))
    return render(request, "funding/saved_calls.html", {
        "saved": saved,
        "eligible": eligible_calls(member, locale)[:50],
        "member": member,
    })


def call_visitor_context(page, request):
    """What the call page shows this visitor (never cached): may they save it, is it saved."""
    member = current_member(request)
    return {
        "call_member": member,
        "call_saved": bool(member) and SavedCall.objects.filter(
            member=member, call=page).exists(),
    }
