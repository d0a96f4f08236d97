"""Saving searches, following, the feed of a saved search, and unsubscribing.

Every change is a POST with a CSRF token from a plain form (no JavaScript
needed) by the signed-in owner; someone else's saved search or follow is a
404, like one that does not exist. The feed and the unsubscribe page need no
login: their signed token (``following.tokens``) is the authorisation, so the
unsubscribe POST is exempt from CSRF (mail clients post it, RFC 8058) and
changes only the subscriptions the token names.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db import IntegrityError, transaction
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from following import feeds, subscriptions, tokens
from following.choices import Frequency
from following.forms import (
    MAX_FOLLOWS,
    MAX_SAVED_SEARCHES,
    FollowForm,
    FrequencyForm,
    SavedSearchForm,
    SaveSearchForm,
)
from following.models import Follow, SavedSearch
from search.query import QueryError
from website.follows import followable


def _back(request, default=None):
    target = request.POST.get("next", "")
    if target and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return redirect(target)
    return redirect(default or reverse("network:dashboard"))


def _errors(form):
    return " ".join(str(error) for errors in form.errors.values() for error in errors)


def default_name(params):
    query = subscriptions.search_query(SavedSearch(params=params))
    parts = [query.text] if query.text else []
    parts += [value for values in query.filters.values() for value in values]
    return (", ".join(parts) or _("All content"))[:120]


@login_required(login_url="account_login")
@require_POST
def save_search(request):
    form = SaveSearchForm(request.POST)
    params = request.POST.get("params", "")
    search_url = reverse("search:search") + (f"?{params}" if params else "")
    if not form.is_valid():
        messages.error(request, _("The search was not saved: %(errors)s") % {
            "errors": _errors(form)})
        return redirect(search_url)
    try:
        params = subscriptions.clean_params(SavedSearch(params=form.cleaned_data["params"])
                                            .query_dict)
    except QueryError as exc:
        messages.error(request, _("The search was not saved: %(errors)s") % {"errors": exc})
        return redirect(reverse("search:search"))
    if SavedSearch.objects.filter(user=request.user).count() >= MAX_SAVED_SEARCHES:
        messages.error(request, _("You have %(count)d saved searches, the most there can be. "
                                  "Delete one on your dashboard first.") % {
                                      "count": MAX_SAVED_SEARCHES})
        return redirect(search_url)
    now = timezone.now()
    with transaction.atomic():
        saved = form.save(commit=False)
        saved.user, saved.params, saved.language = request.user, params, translation.get_language()
        saved.name = saved.name.strip() or default_name(params)
        saved.created_at = saved.checked_at = now
        saved.save()
        subscriptions.start(saved, now)
    messages.success(request, _("Search “%(name)s” saved. You find it on your dashboard.") % {
        "name": saved.name})
    return redirect(saved.get_absolute_url())


@login_required(login_url="account_login")
@require_POST
def saved_search_edit(request, pk):
    saved = get_object_or_404(SavedSearch, pk=pk, user=request.user)
    form = SavedSearchForm(request.POST, instance=saved)
    if form.is_valid():
        form.save()
        messages.success(request, _("Saved search “%(name)s” updated.") % {"name": saved.name})
    else:
        messages.error(request, _("Nothing was changed: %(errors)s") % {"errors": _errors(form)})
    return _back(request)


@login_required(login_url="account_login")
@require_POST
def saved_search_delete(request, pk):
    saved = get_object_or_404(SavedSearch, pk=pk, user=request.user)
    saved.delete()
    messages.success(request, _("Saved search “%(name)s” deleted.") % {"name": saved.name})
    return _back(request)


@login_required(login_url="account_login")
@require_POST
def follow(request):
    form = FollowForm(request.POST)
    kind = followable(form.data.get("kind", "")) if form.is_valid() else None
    target = kind.lookup(form.cleaned_data["key"]) if kind else None
    if target is None:
        messages.error(request, _("There is nothing to follow at this address."))
        return _back(request)
    existing = Follow.objects.filter(user=request.user, kind=kind.kind, key=target.slug).first()
    if existing:
        messages.info(request, _("You already follow “%(name)s”.") % {"name": existing.name})
        return _back(request)
    if Follow.objects.filter(user=request.user).count() >= MAX_FOLLOWS:
        messages.error(request, _("You follow %(count)d things, the most there can be. "
                                  "Unfollow one on your dashboard first.") % {"count": MAX_FOLLOWS})
        return _back(request)
    now = timezone.now()
    try:
        with transaction.atomic():
            followed = Follow.objects.create(
                user=request.user, kind=kind.kind, key=target.slug, name=str(target)[:220],
                frequency=form.cleaned_data["frequency"] or Frequency.WEEKLY,
                language=translation.get_language(), created_at=now, checked_at=now,
            )
            subscriptions.start(followed, now)
    except IntegrityError:  # the same follow from another tab at the same moment
        messages.info(request, _("You already follow “%(name)s”.") % {"name": target})
        return _back(request)
    messages.success(request, _("You follow “%(name)s”: its new content comes in your digest.")
                     % {"name": followed.name})
    return _back(request)


@login_required(login_url="account_login")
@require_POST
def follow_edit(request, pk):
    followed = get_object_or_404(Follow, pk=pk, user=request.user)
    form = FrequencyForm(request.POST)
    if form.is_valid():
        Follow.objects.filter(pk=followed.pk).update(frequency=form.cleaned_data["frequency"])
        messages.success(request, _("“%(name)s”: digest setting changed.") % {
            "name": followed.name})
    else:
        messages.error(request, _("Nothing was changed: %(errors)s") % {"errors": _errors(form)})
    return _back(request)


@login_required(login_url="account_login")
@require_POST
def unfollow(request, pk):
    followed = get_object_or_404(Follow, pk=pk, user=request.user)
    followed.delete()
    messages.success(request, _("You no longer follow “%(name)s”.") % {"name": followed.name})
    return _back(request)


@require_GET
def saved_search_feed(request, token):
    saved = tokens.saved_search_for_feed(token)
    if saved is None or not saved.user.is_active:
        raise Http404(_("This feed does not exist (any more)."))
    return feeds.atom_response(request, saved)


@csrf_exempt
@require_http_methods(["GET", "POST"])
def unsubscribe(request, token):
    found = tokens.subscriptions_for(token)
    if found is None:
        return render(request, "following/unsubscribe.html", {"invalid": True}, status=400)
    if request.method == "POST":
        for subscription in found:
            type(subscription).objects.filter(pk=subscription.pk).update(frequency=Frequency.OFF)
        return render(request, "following/unsubscribe.html", {"done": True, "found": found})
    return render(request, "following/unsubscribe.html", {"found": found, "token": token})


def feed_url(request, saved):
    return request.build_absolute_uri(reverse("following:feed", args=[tokens.feed_token(saved)]))
