"""One e-mail digest per account: the new items of its saved searches and follows.

Each subscription is daily, weekly or off. A run takes the subscriptions that
are due (``checked_at`` older than their period), one account at a time, and in
one transaction: claims each with a conditional update of ``checked_at`` (a
second run, or one running at the same time, finds nothing due), records the
new items as sent and queues the mail (``website.mail``), so a failure
half-way leaves no mark and the next run does it all again. An item reached
by two subscriptions is listed once. A saved search whose engine could not
answer in full (the database fallback) is left due, and tried again next time.

No cron is needed: ``sweep_following_digests`` (a request-time sweep) hands the
run to the task queue, from ``FOLLOWING_DIGEST_HOUR`` on, when something is due;
``manage.py send_following_digests`` runs it at once for a scheduler.

Every section carries a link that turns that subscription off without a login;
the ``List-Unsubscribe`` header (with ``List-Unsubscribe-Post``, RFC 8058) turns
off everything the mail was about.
"""

import datetime as dt
from itertools import groupby

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from following import subscriptions, tokens
from following.choices import Frequency
from following.models import Follow, SavedSearch
from website.mail import queue_mail
from website.models import MailKind

CHECKED_KEY = "following:digests-checked"

# A little short of a day and a week: a run at 07:00 still finds yesterday's 07:01 due.
PERIODS = {Frequency.DAILY: dt.timedelta(hours=23), Frequency.WEEKLY: dt.timedelta(days=6, hours=23)}


def due_subscriptions(now):
    due = []
    for model in (SavedSearch, Follow):
        for frequency, period in PERIODS.items():
            due.extend(model.objects.filter(frequency=frequency, checked_at__lte=now - period)
                       .select_related("user"))
    due.sort(key=lambda sub: (sub.user_id, isinstance(sub, Follow), sub.pk))
    return due


def any_due(now):
    return any(
        model.objects.filter(frequency=frequency, checked_at__lte=now - period).exists()
        for model in (SavedSearch, Follow) for frequency, period in PERIODS.items()
    )


def sweep_following_digests(now=None):
    """Request-time sweep: after the digest hour, every few minutes, enqueue the run if due.

    Returns True when it enqueued the run, False when nothing was due, None when not checked.
    """
    now = now or timezone.now()
    if timezone.localtime(now).hour < settings.FOLLOWING_DIGEST_HOUR:
        return None
    if not cache.add(CHECKED_KEY, True, timeout=settings.FOLLOWING_DIGEST_CHECK_SECONDS):
        return None
    if not any_due(now):
        return False
    from following.tasks import send_following_digests_task

    send_following_digests_task.enqueue()
    return True


def send_following_digests(now=None):
    """Queue the digests that are due; returns how many were queued."""
    now = now or timezone.now()
    sent = 0
    for _user, subs in groupby(due_subscriptions(now), key=lambda sub: sub.user_id):
        sent += send_digest(list(subs), now)
    return sent


def _claim(subscription, now):
    return type(subscription).objects.filter(
        pk=subscription.pk, checked_at=subscription.checked_at
    ).update(checked_at=now)


def send_digest(subs, now):
    """One account's digest from its due subscriptions; 1 if a mail was queued, else 0."""
    with transaction.atomic():
        sections, listed = [], set()
        for sub in subs:
            if not _claim(sub, now):
                continue  # another run took it
            items, complete = subscriptions.found_items(sub)
            if not complete:
                type(sub).objects.filter(pk=sub.pk).update(checked_at=sub.checked_at)
                continue
            sent = subscriptions.sent_keys(sub)
            new = [item for item in items if item.key not in sent]
            subscriptions.record(sub, new, now)
            shown = [item for item in new if item.key not in listed]
            listed.update(item.key for item in shown)
            if shown:
                sections.append((sub, shown))
        user = subs[0].user
        if not sections or not user.email or not user.is_active:
            return 0
        queue_digest(user, sections)
        return 1


def absolute(url):
    return url if url.startswith(("http://", "https://")) else settings.SITE_URL + url


def unsubscribe_url(subs):
    return absolute(reverse("following:unsubscribe", args=[tokens.unsubscribe_token(subs)]))


def queue_digest(user, sections):
    language = max((sub for sub, _items in sections), key=lambda sub: sub.created_at).language
    language = language or settings.LANGUAGE_CODE
    with translation.override(language):
        rows = [{
            "title": str(sub),
            "is_search": isinstance(sub, SavedSearch),
            "url": absolute(sub.get_absolute_url()) if isinstance(sub, SavedSearch) else "",
            "unsubscribe_url": unsubscribe_url([sub]),
            "items": [{"title": item.title, "kind": item.kind, "url": absolute(item.url)}
                      for item in items],
        } for sub, items in sections]
        everything = unsubscribe_url([sub for sub, _items in sections])
        body = render_to_string("following/email/digest.txt", {
            "sections": rows, "site_url": settings.SITE_URL,
            "dashboard_url": absolute(reverse("network:dashboard")),
            "unsubscribe_all_url": everything,
        })
        count = sum(len(row["items"]) for row in rows)
        subject = _("What is new in your saved searches and follows (%(count)d)") % {
            "count": count}
    return queue_mail(
        MailKind.FOLLOWING_DIGEST, user.email, subject, body, language=language,
        headers={"List-Unsubscribe": f"<{everything}>",
                 "List-Unsubscribe-Post": "List-Unsubscribe=One-Click"},
    )
