"""``StaffTwoFactorMiddleware``: with ``REQUIRE_STAFF_2FA`` on, the Wagtail admin is
entered only through allauth's login (so its two-factor stage applies), and a
signed-in editor or admin without an activated authenticator is sent to set one
up before the admin opens. allauth's own pages (``/<lang>/accounts/...``, which
include the two-factor pages and logout) are outside ``/admin/`` and stay open.
"""

from django.conf import settings
from django.contrib import messages
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme, urlencode
from django.utils.translation import gettext as _


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
        if settings.REQUIRE_STAFF_2FA:
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

