from functools import wraps

from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect

from network.models import Member


def member_login_required(view):
    return login_required(view, login_url="account_login")


def member_required(view):
    """Logged in and with a profile; the view receives ``member`` (the user's own)."""

    @wraps(view)
    @member_login_required
    def wrapper(request, *args, **kwargs):
        member = Member.objects.filter(user=request.user).first()
        if member is None:
            return redirect("network:profile_edit")
        return view(request, member, *args, **kwargs)

    return wrapper


def own_member(request):
    if not request.user.is_authenticated:
        return None
    return Member.objects.filter(user=request.user).first()


def posted(request):
    """The submitted data on POST (even when empty, so that it is validated), else None."""
    return request.POST if request.method == "POST" else None
