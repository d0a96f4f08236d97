"""What a member can follow, and the follow button that other apps' pages show.

A member follows a member, a pillar, a network (working group) or a theme, and
their new content comes in the member's digest (the ``following`` app). The
app that owns a kind of thing knows what its "new content" is, so each one
registers the kind in its ``AppConfig.ready()``::

    from website.follows import register_followable
    register_followable("member", _("Member"), lookup=public_member, items=member_items)

``lookup(key)`` returns the public object with that slug, or ``None``;
``items(obj)`` returns the newest public items about it (at most ``ITEMS_LIMIT``,
newest first) as ``FollowedItem``; ``key`` is the item's search-document id, the
same identity a saved search sees, so a digest never lists one item twice.

Pillars and themes are the website's own taxonomy: their items are what the
search index holds under that facet value (``search.api``), which is only ever
live, public, approved content.

The button is drawn by ``{% follow_button "member" member.slug %}``
(``website_tags``); whether the visitor already follows comes from the one
function the following app registers with ``register_follow_state``.
"""

import dataclasses

from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from search import api, registry
from search.query import SearchQuery

ITEMS_LIMIT = 50


@dataclasses.dataclass(frozen=True)
class FollowedItem:
    key: str
    title: str
    url: str
    kind: str
    published: object = None


@dataclasses.dataclass(frozen=True)
class Followable:
    kind: str
    label: object
    lookup: object
    items: object
    url: object


_FOLLOWABLES = {}
_STATE = []


def _own_url(obj):
    return obj.get_absolute_url()


def register_followable(kind, label, lookup, items, url=_own_url):
    """``url(obj)`` is where the dashboard links a follow (default: ``get_absolute_url``)."""
    _FOLLOWABLES[kind] = Followable(kind, label, lookup, items, url)


def followables():
    return dict(_FOLLOWABLES)


def followable(kind):
    return _FOLLOWABLES.get(kind)


def register_follow_state(func):
    """``func(user, kind, key)`` -> the user's follow of that thing, or ``None``."""
    _STATE[:] = [func]


def follow_state(user, kind, key):
    if not _STATE or not getattr(user, "is_authenticated", False):
        return None
    return _STATE[0](user, kind, key)


def search_items(facet, value):
    """The newest indexed items under one facet value (a pillar's or a theme's slug)."""
    query = SearchQuery(filters={facet: (value,)}, sort="newest", page_size=ITEMS_LIMIT,
                        facets=False, highlight=False)
    labels = registry.kinds()
    response = api.search(query)
    return [
        FollowedItem(key=hit.id, title=hit.title, url=hit.url,
                     kind=str(labels.get(hit.kind, hit.kind)), published=hit.published)
        for hit in response.results
    ]


def _term(model):
    """A term by slug, in the active language where it is translated (one slug, every language)."""
    def lookup(key):
        terms = model.objects.filter(slug=key)
        language = translation.get_language()
        return (terms.filter(locale__language_code=language).first()
                or terms.order_by("pk").first())
    return lookup


def register_taxonomy_followables():
    from website.models import Pillar, ThematicPriority

    # A pillar's page is the network's (by URL name); a theme has none but its search.
    register_followable("pillar", _("Pillar"), _term(Pillar),
                        lambda pillar: search_items("pillar", pillar.slug),
                        url=lambda pillar: reverse("network:pillar_detail", args=[pillar.slug]))
    register_followable("theme", _("Theme"), _term(ThematicPriority),
                        lambda theme: search_items("theme", theme.slug),
                        url=lambda theme: f"{reverse('search:search')}?theme={theme.slug}")
