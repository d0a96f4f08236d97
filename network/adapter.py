"""How allauth behaves for members: where they land after logging in or signing up."""

from allauth.account.adapter import DefaultAccountAdapter
from django.urls import reverse


class AccountAdapter(DefaultAccountAdapter):
    def get_login_redirect_url(self, request):
        return reverse("network:dashboard")

    def get_signup_redirect_url(self, request):
        return reverse("network:dashboard")
