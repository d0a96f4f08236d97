"""What a subscription finds now, and which of it is new.

A saved search is asked through the search app (``search.api``) with its
stored parameters, newest first: the same parser and the same index as the
search page, which hold only live, public, approved content. A follow asks the
app that owns the followed thing (``website.follows``). Either way "new" means
"not in the subscription's ``SentItem`` rows": the items found when the
subscription was made are recorded there unmailed, so the first digest brings
only what came after.
"""

from django.http import QueryDict
from django.utils import translation

from following.models import Follow, SavedSearch, SentItem
from search import api, registry
from search.query import FILTER_FIELDS, SearchQuery
from search.views import aliases, allowed_values
from website.follows import ITEMS_LIMIT, FollowedItem, followable

# The search page's parameters a saved search keeps (not the page number or size).
KEPT_PARAMS = ("q", *FILTER_FIELDS, "sort")


def clean_params(params):
    """The search page's parameters as a canonical query string; ``QueryError`` if invalid."""
    query = SearchQuery.from_params(params, allowed_values(), aliases())
    clean = QueryDict(mutable=True)
    if query.text:
        clean["q"] = query.text
    for name in FILTER_FIELDS:
        if name in query.filters:
            clean.setlist(name, list(query.filters[name]))
    if query.sort != "relevance":
        clean["sort"] = query.sort
    return clean.urlencode()


def search_query(saved_search, page_size=ITEMS_LIMIT):
    """The saved search as a query, newest first (a "new items" view of it)."""
    query = SearchQuery.from_params(saved_search.query_dict, allowed_values(), aliases())
    query.sort, query.page, query.page_size = "newest", 1, page_size
    query.facets = query.highlight = False
    return query


def search_hits(saved_search, page_size=ITEMS_LIMIT):
    """(hits, complete): complete is False when the engine could not answer in full."""
    response = api.search(search_query(saved_search, page_size))
    return response.results, not response.limited


def found_items(subscription):
    """(items now found, complete) for a saved search or a follow; newest first."""
    if isinstance(subscription, SavedSearch):
        hits, complete = search_hits(subscription)
        labels = registry.kinds()
        items = [
            FollowedItem(key=hit.id, title=hit.title, url=hit.url,
                         kind=str(labels.get(hit.kind, hit.kind)), published=hit.published)
            for hit in hits
        ]
        return items, complete
    kind = followable(subscription.kind)
    if kind is None:
        return [], True
    with translation.override(subscription.language or None):
        obj = kind.lookup(subscription.key)
        return (kind.items(obj) if obj is not None else []), True


def _owner_field(subscription):
    return "saved_search" if isinstance(subscription, SavedSearch) else "follow"


def sent_keys(subscription):
    return set(SentItem.objects.filter(
        **{_owner_field(subscription): subscription}).values_list("key", flat=True))


def record(subscription, items, now, mailed=True):
    field = _owner_field(subscription)
    SentItem.objects.bulk_create(
        [SentItem(**{field: subscription}, key=item.key, sent_at=now, mailed=mailed)
         for item in items],
        ignore_conflicts=True,
    )


def start(subscription, now):
    """Record what the new subscription finds already, so that none of it is mailed."""
    items, _complete = found_items(subscription)
    record(subscription, items, now, mailed=False)


def owned_by(user):
    """The user's saved searches and follows (the dashboard, the export)."""
    return (SavedSearch.objects.filter(user=user), Follow.objects.filter(user=user))
