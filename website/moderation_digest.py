"""The daily moderation digest: one e-mail a day to each moderator while something waits.

Editors see the counts on the admin dashboard; the digest tells those who do
not open the admin every day. Each user who may moderate a queue
(``website.moderation``) gets one mail, in the admin language they chose, with
the counts of their queues and links to the filtered listings; users with
nothing waiting get none.

"Once a day" is decided by the database, not a cache: a digest went out today
when an outgoing-mail row of its kind was written since midnight (Europe/Sofia),
so a lost cache key never sends a second one. It goes out on the first check
after ``MODERATION_DIGEST_HOUR`` at which something waits: the request-time
sweep checks at most every ``MODERATION_DIGEST_CHECK_SECONDS``, and
``manage.py send_moderation_digest`` (for a scheduler) checks at once.
"""

import datetime as dt

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import ngettext

from website.mail import queue_mail
from website.models import MailKind, OutgoingMail
from website.moderation import moderators, queues, staff_language
from website.sweeps import exclusively

CHECKED_KEY = "website:moderation-digest-checked"
LOCK_KEY = "website:moderation-digest"


def start_of_day(now):
    local = timezone.localtime(now)
    return local.replace(hour=0, minute=0, second=0, microsecond=0)


def sent_today(now):
    return OutgoingMail.objects.filter(
        kind=MailKind.MODERATION_DIGEST, created_at__gte=start_of_day(now)
    ).exists()


def send_moderation_digest(now=None):
    """Queue today's digests; returns how many (0: sent already today, or nothing waits)."""
    now = now or timezone.now()
    with transaction.atomic():
        if sent_today(now):
            return 0
        counts = {queue.name: queue.items().count() for queue in queues()}
        if not any(counts.values()):
            return 0
        sent = 0
        for user in moderators():
            rows = [(queue, counts[queue.name]) for queue in queues()
                    if counts[queue.name] and queue.may_moderate(user)]
            if rows:
                queue_digest(user, rows)
                sent += 1
        return sent


def queue_digest(user, rows):
    language = staff_language(user)
    total = sum(count for _queue, count in rows)
    with translation.override(language):
        items = [{"label": str(queue.label), "count": count,
                  "url": settings.SITE_URL + queue.url()} for queue, count in rows]
        body = render_to_string("website/email/moderation_digest.txt", {
            "items": items, "site_url": settings.SITE_URL,
        })
        subject = ngettext(
            "%(count)d item waits for moderation", "%(count)d items wait for moderation", total
        ) % {"count": total}
    return queue_mail(MailKind.MODERATION_DIGEST, user.email, subject, body, language=language)


def sweep_moderation_digest(now=None):
    """Request-time sweep: after the digest hour, check every few minutes whether it is due.

    Returns the number of digests queued, or None when not checked (before the
    hour, checked recently, or another process is checking).
    """
    now = now or timezone.now()
    if timezone.localtime(now).hour < settings.MODERATION_DIGEST_HOUR:
        return None
    every = dt.timedelta(seconds=settings.MODERATION_DIGEST_CHECK_SECONDS)
    if not cache.add(CHECKED_KEY, True, timeout=every.total_seconds()):
        return None
    return exclusively(LOCK_KEY, lambda: send_moderation_digest(now))
