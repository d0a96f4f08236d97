"""``{% follow_button kind key %}`` and ``{% save_search %}``: following, on other apps' pages.

``follow_button`` follows or unfollows a member, pillar, network or theme.

The pages belong to other apps (the network's member, pillar and group pages);
the button is the website's so that they need not know the following app: it
posts to ``following:follow`` / ``following:unfollow`` and asks
``website.follows`` whether the visitor follows already. Anonymous visitors get a
link to sign in. It is a plain form with a CSRF token: it works without JavaScript.
"""

from django import template

from website import follows

register = template.Library()


@register.inclusion_tag("website/includes/follow_button.html", takes_context=True)
def follow_button(context, kind, key, name=""):
    request = context.get("request")
    user = getattr(request, "user", None)
    return {
        "request": request,
        "csrf_token": context.get("csrf_token"),
        "kind": kind,
        "key": key,
        "name": name,
        "known": follows.followable(kind) is not None,
        "signed_in": bool(user and user.is_authenticated),
        "following": follows.follow_state(user, kind, key),
        "next": request.get_full_path() if request else "",
    }


@register.inclusion_tag("website/includes/save_search.html", takes_context=True)
def save_search(context, text=""):
    """"Save this search" for the search that the page shows (its query string, less the page)."""
    request = context.get("request")
    params = request.GET.copy()
    params.pop("page", None)
    user = getattr(request, "user", None)
    return {
        "request": request,
        "csrf_token": context.get("csrf_token"),
        "params": params.urlencode(),
        "text": text,
        "signed_in": bool(user and user.is_authenticated),
        "next": request.get_full_path(),
    }
