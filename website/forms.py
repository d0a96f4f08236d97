"""Forms of the site package: the Wagtail admin's login, throttled like the members' login."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms.auth import LoginForm

from website import login_throttle


class AdminLoginForm(LoginForm):
    """``/admin/login/``: refuses an account's attempts while ``login_throttle`` says so."""

    error_messages = {
        **LoginForm.error_messages,
        "throttled": _("Too many failed sign-in attempts. Please try again later."),
    }

    def clean(self):
        username = self.cleaned_data.get("username")
        if username and login_throttle.throttled_scope(self.request, username):
            raise ValidationError(self.error_messages["throttled"], code="throttled")
        return super().clean()
