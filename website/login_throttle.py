"""Login throttling shared by every password form: allauth's login and the Wagtail admin's.

Why this shape: a per-IP limit on failures locks out everyone behind that IP
(the office, the campus, the load balancer) as soon as one of them mistypes or
one attacker guesses; a per-account limit lets anyone lock any account. So
failures are counted under three keys (``settings.LOGIN_THROTTLE``):

- account and IP (tight, 5 per 15 minutes): stops one client guessing one
  account's password without touching anyone else, even on the same IP;
- account (loose, 60 per hour): stops a guess spread over many IPs; one client
  can add at most its own tight budget to it, so one attacker cannot lock the
  owner out (it takes a dozen clients hammering at once);
- IP (100 per hour): stops one client spraying passwords across many accounts.

A refused attempt checks no password and is not counted, so hammering on does
not extend a lockout, and a correct password from elsewhere still works. A
successful password reset clears the account's counts. Counts live in the cache:
losing them only loosens throttling, never opens an account, and a cache that
fails is logged and treated as "not throttled". Counts are kept per fixed window
and the previous window's count is added to the current one, so a lockout lasts
one to two windows and no burst slips through at a window's edge.

Every failed login is logged (``user_login_failed`` fires for both forms) with
the normalised account and the client IP, never the password.
"""

import hashlib
import logging
import time

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.cache import cache
from django.core.exceptions import PermissionDenied
from django.db.models import Q

logger = logging.getLogger(__name__)

DEFAULT_LIMITS = {"account_ip": (5, 15 * 60), "account": (60, 3600), "ip": (100, 3600)}


def limits():
    return {**DEFAULT_LIMITS, **settings.LOGIN_THROTTLE}


def normalise(identifier):
    return str(identifier or "").strip().lower()


def client_ip(request):
    """The client's IP as allauth sees it (honours ``ALLAUTH_TRUSTED_PROXY_COUNT``)."""
    from allauth.account.adapter import get_adapter

    try:
        return get_adapter(request).get_client_ip(request)
    except PermissionDenied:
        return "unknown"


def account_id(identifier):
    """One identity per account whichever form is used (e-mail or username)."""
    login = normalise(identifier)
    matches = list(
        get_user_model().objects.filter(Q(username__iexact=login) | Q(email__iexact=login))
        .values_list("pk", flat=True)[:2]
    )
    return f"user:{matches[0]}" if len(matches) == 1 else f"login:{login}"


def _subjects(request, identifier):
    account, ip = account_id(identifier), client_ip(request)
    return {"account_ip": f"{account}|{ip}", "account": account, "ip": ip}


def _keys(scope, subject, now):
    window = limits()[scope][1]
    index = int(now // window)
    digest = hashlib.sha256(subject.encode()).hexdigest()[:32]
    return f"login-throttle:{scope}:{digest}:{index}", f"login-throttle:{scope}:{digest}:{index - 1}"


def throttled_scope(request, identifier):
    """The first exceeded limit (``"account_ip"``, ``"account"``, ``"ip"``) or None."""
    now = time.time()
    subjects = _subjects(request, identifier)
    keys = {scope: _keys(scope, subject, now) for scope, subject in subjects.items()}
    try:
        counts = cache.get_many([key for pair in keys.values() for key in pair])
    except Exception:  # noqa: BLE001 - no cache, no throttling (and say so)
        logger.exception("login throttle: cache unavailable, attempt not checked")
        return None
    for scope, (limit, _window) in limits().items():
        current, previous = keys[scope]
        if counts.get(current, 0) + counts.get(previous, 0) >= limit:
            logger.warning(
                "login refused for %r from %s: too many failures (%s)",
                normalise(identifier), client_ip(request), scope,
            )
            return scope
    return None


def record_failure(request, identifier):
    now = time.time()
    for scope, subject in _subjects(request, identifier).items():
        key = _keys(scope, subject, now)[0]
        timeout = 2 * limits()[scope][1]
        try:
            if not cache.add(key, 1, timeout=timeout):
                cache.incr(key)
        except ValueError:  # expired between add and incr
            cache.set(key, 1, timeout=timeout)
        except Exception:  # noqa: BLE001 - a lost count only loosens throttling
            logger.exception("login throttle: cache unavailable, failure not counted")
            return


def clear_account(request, identifier):
    """Forget the account's failures (its owner just proved who they are)."""
    now = time.time()
    subjects = _subjects(request, identifier)
    try:
        cache.delete_many([
            key for scope in ("account_ip", "account") for key in _keys(scope, subjects[scope], now)
        ])
    except Exception:  # noqa: BLE001
        logger.exception("login throttle: cache unavailable, counts not cleared")


def on_login_failed(sender, credentials, request=None, **kwargs):
    identifier = next(
        (credentials[name] for name in ("email", "username", "login") if credentials.get(name)), ""
    )
    ip = client_ip(request) if request is not None else "-"
    logger.warning("login failed for %r from %s", normalise(identifier), ip)
    if request is not None:
        record_failure(request, identifier)


def on_password_reset(sender, request, user, **kwargs):
    if request is not None:
        clear_account(request, user.email or user.get_username())


def connect_signals():
    from allauth.account.signals import password_reset
    from django.contrib.auth.signals import user_login_failed

    user_login_failed.connect(on_login_failed, dispatch_uid="website.login_throttle.failed")
    password_reset.connect(on_password_reset, dispatch_uid="website.login_throttle.reset")
