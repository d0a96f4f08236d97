"""One submission, one object: one-time tokens for the forms that create something.

Each rendered form carries a token signed for its user and its form
(``SubmitOnceMixin``). ``submit_once`` consumes the token in the transaction
that creates the object, by inserting its key into a unique column: of several
requests posting the same rendered form (a double click, a browser's retry, six
parallel posts) exactly one inserts it and creates. The others wait for that
transaction (PostgreSQL on the unique index, SQLite on its immediate
transaction), find the key taken, create nothing and are sent where the first
one went, with a note. A missing, forged, expired or another account's token is
a form error, and the form comes back with a fresh token and the entered values.

A form editing an existing object has no token: saving the same edit twice
saves the same thing.
"""

import datetime as dt
import secrets

from django import forms
from django.conf import settings
from django.contrib import messages
from django.core import signing
from django.db import IntegrityError
from django.shortcuts import redirect
from django.utils import timezone
from django.utils.translation import gettext as _

from website import uploads
from website.models import SubmissionToken

SALT = "website.submissions"
TOKEN_FIELD = "submission_token"  # noqa: S105 - a form field's name, not a secret


class AlreadySubmitted(Exception):  # noqa: N818 - an outcome, not a failure
    """Raised by ``create()`` when what the form would create exists already.

    The transaction is rolled back and the user is sent to ``url`` with the
    "already sent" note (two tabs creating the one profile an account may have).
    """

    def __init__(self, url):
        super().__init__(url)
        self.url = url


def max_age():
    return settings.SUBMISSION_TOKEN_MAX_AGE


def issue(scope, user):
    """A new token for one rendering of the form ``scope`` for ``user``."""
    return signing.dumps(
        {"s": scope, "u": user.pk, "k": secrets.token_urlsafe(24)}, salt=SALT, compress=True
    )


def read(value, scope, user):
    """The token's key when it is genuine, recent and for this form and user; else None."""
    try:
        data = signing.loads(value or "", salt=SALT, max_age=max_age())
    except signing.BadSignature:  # SignatureExpired included
        return None
    if not isinstance(data, dict) or data.get("s") != scope or data.get("u") != user.pk:
        return None
    key = data.get("k")
    return key if isinstance(key, str) and 0 < len(key) <= 64 else None


class SubmitOnceMixin:
    """A hidden one-time token for a form that creates something (see the module docstring).

    The view passes ``submitter=request.user`` and hands the valid form to
    ``submit_once``. Put the mixin first among the form's bases so that its
    ``clean`` runs with the form's own.
    """

    def __init__(self, *args, submitter=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.submitter = submitter
        self.submission_key = None
        instance = getattr(self, "instance", None)
        self.submits_once = submitter is not None and getattr(instance, "pk", None) is None
        if not self.submits_once:
            return
        scope = self.submission_scope()
        fresh = issue(scope, submitter)
        self.fields[TOKEN_FIELD] = forms.CharField(
            widget=forms.HiddenInput, required=False, initial=fresh
        )
        if self.is_bound:
            name = self.add_prefix(TOKEN_FIELD)
            self.submission_key = read(self.data.get(name), scope, submitter)
            if self.submission_key is None:
                # Rendered again with a usable token, keeping what was entered.
                self.data = self.data.copy()
                self.data[name] = fresh

    @classmethod
    def submission_scope(cls):
        return f"{cls.__module__}.{cls.__qualname__}"[:100]

    def clean(self):
        cleaned = super().clean()
        if self.submits_once and self.submission_key is None:
            raise forms.ValidationError(
                _("This form was open for too long or is no longer valid. Check it and send "
                  "it again."),
                code="submission_token",
            )
        return cleaned


def submit_once(request, form, create, done_message=None):
    """Run ``create()`` for a valid form once per token; returns the redirect that follows.

    ``create()`` runs in one transaction (``uploads.atomic``, so a failure leaves
    no uploaded file either) with the token's claim, and returns the URL to go to.
    Without ``done_message`` the caller tells the user what happened.
    """
    key = form.submission_key
    try:
        if key is None:
            with uploads.atomic():
                url = create()
        else:
            done = SubmissionToken.objects.filter(key=key).first()
            if done is not None:
                raise AlreadySubmitted(done.result_url or "/")
            url = create_with_claim(form, key, create)
    except AlreadySubmitted as repeated:
        messages.info(request, _("This form was already sent, and it was saved once. To add "
                                 "another, open the form again."))
        return redirect(repeated.url)
    if done_message:
        messages.success(request, done_message)
    return redirect(url)


def create_with_claim(form, key, create):
    try:
        with uploads.atomic():
            claim = SubmissionToken.objects.create(
                key=key, user=form.submitter, scope=form.submission_scope()
            )
            url = create()
            claim.result_url = url
            claim.save(update_fields=["result_url"])
    except IntegrityError:
        done = SubmissionToken.objects.filter(key=key).first()
        if done is None:  # not the token's constraint: a real error
            raise
        raise AlreadySubmitted(done.result_url or "/") from None
    forget_old_tokens()
    return url


def forget_old_tokens():
    """Tokens older than their lifetime are refused anyway; their rows can go."""
    cutoff = timezone.now() - dt.timedelta(seconds=max_age())
    SubmissionToken.objects.filter(created_at__lt=cutoff).delete()
