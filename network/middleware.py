"""A request hook and a request-time sweep of the member network.

``StaffTwoFactorMiddleware``: with ``REQUIRE_STAFF_2FA`` on, the Wagtail admin is
entered only through allauth's login (so its two-factor stage applies), and a
signed-in editor or admin without an activated authenticator is sent to set one
up before the admin opens. allauth's own pages (``/<lang>/accounts/...``, which
include the two-factor pages and logout) are outside ``/admin/`` and stay open.

``sweep_expired_posts`` (run by ``website.sweeps``): expired offers and needs
leave the search index by themselves, without a cron job. Listings already
filter on today's date; once a day (the first request after the date changes)
the posts that expired since the last sweep are handed to the search outbox,
whose worker drops them.
"""

import logging

from django.conf import settings
from django.contrib import messages
from django.core.cache import cache
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme, urlencode
from django.utils.translation import gettext as _

logger = logging.getLogger(__name__)


def is_staff_user(user):
    """Editors and admins: anyone who may open the Wagtail admin."""
    if not user.is_authenticated:
        return False
    return user.is_superuser or user.is_staff or user.has_perm("wagtailadmin.access_admin")


def has_authenticator(user):
    from allauth.mfa.utils import is_mfa_enabled

    return is_mfa_enabled(user, types=["totp"])


class StaffTwoFactorMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if getattr(settings, "REQUIRE_STAFF_2FA", False):
            response = self.check(request)
            if response is not None:
                return response
        return self.get_response(request)

    def check(self, request):
        admin_root = reverse("wagtailadmin_home")
        if not request.path.startswith(admin_root):
            return None
        user = getattr(request, "user", None)
        if user is None or not user.is_authenticated:
            if request.path == reverse("wagtailadmin_login"):
                # The admin's own password form would skip the two-factor stage.
                return redirect_to_account_login(request, admin_root)
            return None
        if request.path == reverse("wagtailadmin_logout") or not is_staff_user(user):
            return None
        if has_authenticator(user):
            return None
        messages.warning(
            request,
            _(
                "Editors and administrators must use two-factor authentication. "
                "Set up an authenticator app to continue to the admin."
            ),
        )
        return redirect("mfa_activate_totp")


def redirect_to_account_login(request, default_next):
    target = request.GET.get("next") or default_next
    if not url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        target = default_next
    return redirect(f"{reverse('account_login')}?{urlencode({'next': target})}")


SWEEP_KEY = "network:b2b-expiry-swept-on"
SWEEP_LOCK = "network:b2b-expiry-sweeping"


def sweep_expired_posts(today=None):
    """Hand the posts that expired since the last sweep to the search outbox.

    Runs at most once per day and process group (a cache key holds the last
    day swept); returns the number of posts handed over, or None if skipped.
    """
    from network.choices import Status
    from network.indexing import sync
    from network.models import B2BPost
    from website.sweeps import exclusively

    today = today or timezone.localdate()
    last = cache.get(SWEEP_KEY)
    if last == today.isoformat():
        return None

    def sweep():
        expired = B2BPost.objects.expired().filter(status=Status.APPROVED)
        if last:
            # Posts that expired before the last sweep were handled then.
            expired = expired.filter(valid_until__gte=_previous_day(last))
        count = 0
        for post in expired.iterator():
            sync(post)
            count += 1
        cache.set(SWEEP_KEY, today.isoformat(), timeout=None)
        return count

    return exclusively(SWEEP_LOCK, sweep)


def _previous_day(iso_date):
    import datetime as dt

    return dt.date.fromisoformat(iso_date) - dt.timedelta(days=1)
