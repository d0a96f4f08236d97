"""Signed tokens: the Atom feed of a saved search, and unsubscribing from the digest.

Neither needs a login, so the token is the whole authorisation: it is signed
with the site's secret key (``django.core.signing``, one salt per use, so a feed
token never unsubscribes) and names the subscription together with its
creation time, so a token outlives neither its subscription nor the account.
An unsubscribe token names the subscriptions of one digest (one for the link
beside each section, all of them for the ``List-Unsubscribe`` header).
"""

from django.core import signing

from following.models import Follow, SavedSearch

FEED_SALT = "following.feed"
UNSUBSCRIBE_SALT = "following.unsubscribe"
MODELS = {"s": SavedSearch, "f": Follow}
CODES = {model: code for code, model in MODELS.items()}


def _ref(subscription):
    return [CODES[type(subscription)], subscription.pk, int(subscription.created_at.timestamp())]


def _resolve(ref):
    code, pk, created = ref
    obj = MODELS[code].objects.filter(pk=pk).select_related("user").first()
    if obj is None or int(obj.created_at.timestamp()) != created:
        return None
    return obj


def feed_token(saved_search):
    return signing.dumps(_ref(saved_search)[1:], salt=FEED_SALT, compress=True)


def saved_search_for_feed(token):
    """The saved search the token names, or None (bad token, or the search is gone)."""
    try:
        pk, created = signing.loads(token, salt=FEED_SALT)
        return _resolve(["s", int(pk), int(created)])
    except (signing.BadSignature, TypeError, ValueError):
        return None


def unsubscribe_token(subscriptions):
    return signing.dumps([_ref(s) for s in subscriptions], salt=UNSUBSCRIBE_SALT, compress=True)


def subscriptions_for(token):
    """The subscriptions the token names that still exist, or None for a bad token."""
    try:
        refs = signing.loads(token, salt=UNSUBSCRIBE_SALT)
        found = [_resolve([str(code), int(pk), int(created)]) for code, pk, created in refs]
    except (signing.BadSignature, TypeError, ValueError, KeyError):
        return None
    return [obj for obj in found if obj is not None]
