"""The member's saved searches and follows: the dashboard panel, the follow button, the export.

Each shows the signed-in account's own rows only (``website.dashboard``,
``website.follows``, ``website.personal_data``); nothing here is cached.
"""

from django.urls import reverse
from django.utils.translation import gettext as _

from following import tokens
from following.choices import Frequency
from following.models import Follow, SavedSearch
from website.follows import followable
from website.models import ThematicPriority


def _follow_row(followed):
    kind = followable(followed.kind)
    target = kind.lookup(followed.key) if kind else None
    url = kind.url(target) if target is not None else ""
    return {"follow": followed, "kind_label": kind.label if kind else followed.kind,
            "name": str(target) if target is not None else followed.name, "url": url}


def dashboard_panel(request, member):
    searches = list(SavedSearch.objects.filter(user=request.user))
    for saved in searches:
        saved.feed_url = reverse("following:feed", args=[tokens.feed_token(saved)])
    follows = [_follow_row(f) for f in Follow.objects.filter(user=request.user)]
    followed_themes = {row["follow"].key for row in follows if row["follow"].kind == "theme"}
    themes = [theme for theme in ThematicPriority.objects.filter(
        locale__language_code=request.LANGUAGE_CODE).order_by("name")
        if theme.slug not in followed_themes]
    return {
        "title": _("Saved searches and follows"),
        "template": "following/dashboard_panel.html",
        "searches": searches,
        "follows": follows,
        "themes": themes,
        "frequencies": Frequency.choices,
        "search_url": reverse("search:search"),
    }


def follow_of(user, kind, key):
    return Follow.objects.filter(user=user, kind=kind, key=key).first()


def personal_data(member):
    """The account's saved searches and follows, for "download my data"."""
    user = member.user
    if user is None:
        return {"saved_searches": [], "follows": []}
    return {
        "saved_searches": [
            {"name": s.name, "search": s.params, "frequency": s.frequency,
             "created_at": s.created_at.isoformat()}
            for s in SavedSearch.objects.filter(user=user)
        ],
        "follows": [
            {"kind": f.kind, "slug": f.key, "name": f.name, "frequency": f.frequency,
             "created_at": f.created_at.isoformat()}
            for f in Follow.objects.filter(user=user)
        ],
    }
