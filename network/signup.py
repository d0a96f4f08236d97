"""allauth's sign-up form, answering in the same time for known and unknown addresses.

With ``ACCOUNT_PREVENT_ENUMERATION`` a sign-up with an address that already has
an account creates nothing and mails "you already have an account" instead,
with the same redirect. Creating the account costs a password hash (hundreds
of milliseconds with PBKDF2) that the other path skipped, so the answer's
timing told which addresses exist. The known-address path now hashes the
password it was given too, and both paths queue exactly one e-mail, so they do
the same expensive work (``bench/signup_timing.py`` measures it).
"""

from allauth.account.forms import SignupForm as AllauthSignupForm
from django.contrib.auth.hashers import make_password


class SignupForm(AllauthSignupForm):
    def try_save(self, request):
        if self.account_already_exists:
            make_password(self.cleaned_data.get("password1"))  # the work a new account costs
        return super().try_save(request)
