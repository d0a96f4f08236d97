"""How allauth behaves for members: where they land, how its mail goes out, login throttling.

Account mail (address confirmation, password reset, "you already have an
account") answers something the reader has just done on the site, so it is
written in the language of the page they did it on, and its links lead back
to pages in that language. It goes through the outgoing-mail queue like all
the site's mail: a dead mail server never turns a sign-up into an error.

Logins are throttled by ``website.login_throttle`` (per account and IP, per
account, per IP) instead of allauth's ``login_failed`` limit, whose per-IP part
locked every account behind one IP out after a few wrong passwords.
"""

from allauth.account.adapter import DefaultAccountAdapter
from allauth.core import context
from django.contrib.sites.shortcuts import get_current_site
from django.urls import reverse
from django.utils import translation

from website import login_throttle
from website.mail import queue_message
from website.models import MailKind


class AccountAdapter(DefaultAccountAdapter):
    def get_login_redirect_url(self, request):
        return reverse("network:dashboard")

    def get_signup_redirect_url(self, request):
        return reverse("network:dashboard")

    def send_mail(self, template_prefix, email, context_data):
        request = context.request
        ctx = {"request": request, "email": email, "current_site": get_current_site(request)}
        ctx.update(context_data)
        language = translation.get_language()
        message = self.render_mail(template_prefix, email, ctx)
        queue_message(MailKind.ACCOUNT, message, language=language)

    def pre_authenticate(self, request, **credentials):
        identifier = credentials.get("email") or credentials.get("username") or ""
        if login_throttle.throttled_scope(request, identifier):
            raise self.validation_error("too_many_login_attempts")
