"""The reminder of a saved call's deadline: one e-mail, seven days before, never twice.

A saved call is due when its deadline is in the next ``REMIND_BEFORE`` and no
reminder was sent. Each reminder is queued (``website.mail``) in the member's
language in the same transaction that records it, and the row is claimed with
a conditional update first, so two runs at once (the command and the
request-time sweep) never send one reminder twice. Calls that closed, are no
longer live or public, and members without an address get none (and stay
unclaimed: nothing to tell).
"""

from datetime import timedelta

from django.core.cache import cache
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from funding.models import FundingCallPage, SavedCall
from website import formatting
from website.mail import queue_mail
from website.models import MailKind
from website.site_url import absolute_url
from website.sweeps import exclusively

REMIND_BEFORE = timedelta(days=7)


def due_reminders(now):
    public_calls = FundingCallPage.objects.live().public().values("pk")
    return (
        SavedCall.objects.filter(
            reminded_at__isnull=True, call__in=public_calls,
            call__deadline__gt=now, call__deadline__lte=now + REMIND_BEFORE,
        )
        .select_related("member__user", "call")
        .order_by("call__deadline", "pk")
    )


def send_call_reminders(now=None):
    """Queue every due reminder; returns how many were queued."""
    now = now or timezone.now()
    sent = 0
    for saved in due_reminders(now):
        address = saved.member.email_for_contact
        if not address:
            continue
        with transaction.atomic():
            claimed = SavedCall.objects.filter(pk=saved.pk, reminded_at__isnull=True).update(
                reminded_at=now)
            if claimed:
                queue_reminder(saved, address)
                sent += 1
    return sent


def queue_reminder(saved, address):
    language = saved.member.mail_language
    call = saved.call.specific
    with translation.override(language):
        # The call in the member's language when it has that translation.
        localised = call.get_translations(inclusive=True).live().public().filter(
            locale__language_code=language).specific().first() or call
        with timezone.override(localised.tz):  # the deadline as the call states it
            deadline = formatting.date_time(localised.deadline)
        body = render_to_string("funding/email/call_reminder.txt", {
            "member": saved.member, "call": localised, "deadline": deadline,
            "zone": formatting.zone_label(localised.deadline_timezone, localised.deadline),
            "url": absolute_url(localised.get_url() or "/"),
            "saved_url": absolute_url(reverse("funding_saved_calls")),
        })
        subject = _("Deadline in 7 days: %(title)s") % {"title": localised.title}
    return queue_mail(MailKind.CALL_REMINDER, address, subject, body, language=language)


SWEPT_KEY = "funding:reminders-swept"
LOCK_KEY = "funding:reminders-sweeping"
SWEEP_SECONDS = 3600


def sweep_call_reminders():
    """Request-time sweep (``website.sweeps``): at most hourly, so reminders need no cron.

    Returns the number queued, or None when not due or another process is at it.
    """
    if not cache.add(SWEPT_KEY, True, timeout=SWEEP_SECONDS):
        return None
    return exclusively(LOCK_KEY, send_call_reminders)
