"""Production: everything from the environment; refuses to start without a secret."""

from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F403
from .base import SECRET_KEY, env_bool

if not SECRET_KEY or len(SECRET_KEY) < 50:
    raise ImproperlyConfigured(
        "SECRET_KEY must be set in the environment (50+ random characters) in production."
    )

# Editors and admins use two-factor authentication unless REQUIRE_STAFF_2FA=false.
REQUIRE_STAFF_2FA = env_bool("REQUIRE_STAFF_2FA", True)
if REQUIRE_STAFF_2FA:
    WAGTAILADMIN_LOGIN_URL = "account_login"
