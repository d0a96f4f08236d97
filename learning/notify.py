"""E-mail to learners: the one place learning sends mail from.

It sends with Django's ``send_mail`` for now; switching to the site's mail
queue (``website.mail.queue_mail``) means changing ``send`` alone. Mail goes
out in the learner's language (the language the booking was made in) and
after the commit of the change it reports, so a rolled-back promotion
announces nothing. A failed send is logged: the booking itself stands, and
the learner sees it on the dashboard.
"""

import logging

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation

logger = logging.getLogger(__name__)


def site_url(path):
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/") + path


def send(address, template, context, language):
    """Render ``learning/email/<template>_subject.txt`` and ``<template>.txt`` and send them."""
    with translation.override(language):
        subject = " ".join(render_to_string(
            f"learning/email/{template}_subject.txt", context).split())
        body = render_to_string(f"learning/email/{template}.txt", context)
    try:
        send_mail(subject, body, None, [address])
    except Exception:  # noqa: BLE001 - SMTP trouble must not undo a booking
        logger.exception("learning mail %s to %s not sent", template, address)


def place_confirmed_from_waiting_list(booking):
    """Tell a learner moved up from the waiting list that the place is theirs (after commit)."""
    address = booking.learner.user.email if booking.learner.user_id else ""
    if not address:
        return
    language = booking.language or settings.LANGUAGE_CODE
    with translation.override(language):
        url = site_url(reverse("learning:dashboard"))
    context = {"booking": booking, "session": booking.session, "dashboard_url": url}
    transaction.on_commit(lambda: send(address, "place_confirmed", context, language))
