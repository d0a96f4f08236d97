"""Who is asking: the signed-in learner, and whether they facilitate a session or programme.

Learners are network members, named by string (``"network.Member"``), so
learning does not import the network app.
"""

from functools import wraps

from django.apps import apps
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect
from django.utils.translation import gettext as _

from website.choices import Status


def current_learner(request):
    """The signed-in user's member profile (not a rejected one), or None."""
    if not request.user.is_authenticated:
        return None
    member_model = apps.get_model("network", "Member")
    return member_model.objects.filter(user=request.user).exclude(
        status=Status.REJECTED).first()


def signed_in_required(view):
    """Signed in (facilitators and editors need no member profile of their own)."""
    return login_required(view, login_url="account_login")


def learner_required(view):
    """Signed in and with a member profile; the view receives ``learner`` (the user's own)."""

    @wraps(view)
    @login_required(login_url="account_login")
    def wrapper(request, *args, **kwargs):
        learner = current_learner(request)
        if learner is None:
            messages.info(request, _("Create your member profile first: learners are members "
                                     "of the network."))
            return redirect("network:profile_edit")
        return view(request, learner, *args, **kwargs)

    return wrapper


def posted(request):
    return request.POST if request.method == "POST" else None


def is_staff_for_learning(user):
    return user.is_authenticated and user.has_perm("learning.change_session")


def facilitates_programme(user, programme):
    """A facilitator of any translation of the programme, or an editor of learning."""
    from learning.models import ProgrammeFacilitator

    if is_staff_for_learning(user):
        return True
    return user.is_authenticated and ProgrammeFacilitator.objects.filter(
        page__translation_key=programme.translation_key, member__user=user).exists()


def facilitates_session(user, session):
    if not user.is_authenticated:
        return False
    if session.facilitator_id and session.facilitator.user_id == user.pk:
        return True
    return facilitates_programme(user, session.programme)


def facilitated_session_or_404(request, pk):
    from learning.models import Session

    session = Session.objects.select_related("programme", "facilitator").filter(pk=pk).first()
    if session is None or not facilitates_session(request.user, session):
        raise Http404
    return session
