"""One way out for every e-mail the site sends: store it, then send it from a task.

``queue_mail`` writes an ``OutgoingMail`` row in the caller's transaction and
asks for it to be sent after commit, so the mail goes out only if what it tells
about was saved, and a dead or slow mail server never breaks or holds up a
request (production runs the task in ``db_worker``). ``deliver`` takes a row by
turning it from queued to sending in one conditional update: two workers never
send one row. A failed send goes back to the queue with a growing delay; after
``MAX_ATTEMPTS`` the row is failed and staff see it under "Outgoing mail".
Retries need no cron: the failed task defers itself where the queue can, and
``sweep_mail_queue`` (a request-time sweep) and ``send_queued_mail`` (a command)
pick up whatever is due.

The site's own mail is queued by name (``queue_mail``, with its kind and
language). ``QueuedEmailBackend`` is ``EMAIL_BACKEND``, so whatever else uses
Django's mail API (Wagtail's workflow notifications, the admin's password
reset) takes the same way; the task sends through ``MAIL_DELIVERY_BACKEND``
(SMTP in production).

Every header is built here and only here, from text that callers may have taken
from members (titles, names): ``header_safe`` turns line breaks and control
characters into spaces, so no caller can add a header or break the message.
"""

import datetime as dt
import logging
import re
from email.utils import parseaddr

from django.conf import settings
from django.core.cache import cache
from django.core.mail import EmailMultiAlternatives, get_connection
from django.core.mail.backends.base import BaseEmailBackend
from django.db import transaction
from django.db.models import Count, F, Q
from django.utils import timezone, translation

from website.models import MailKind, MailStatus, OutgoingMail

logger = logging.getLogger(__name__)

MAX_ATTEMPTS = 10
SUBJECT_LIMIT = 200
# A row still "sending" after this long belongs to a worker that died mid-send.
STALE_AFTER = dt.timedelta(minutes=15)
SWEEP_KEY = "website:mail-swept"
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029]")


def header_safe(value, limit=SUBJECT_LIMIT):
    """``value`` as one line of at most ``limit`` characters: fit for a mail header."""
    text = " ".join(_CONTROL.sub(" ", str(value)).split())
    if len(text) > limit:
        text = text[: limit - 1].rstrip() + "…"
    return text


def _addresses(value):
    items = [value] if isinstance(value, str) else list(value or ())
    return [address for address in (header_safe(item, 320) for item in items) if address]


def backoff(attempts):
    """1, 2, 4 ... minutes after each failure, at most six hours (about 14 hours in all)."""
    return min(dt.timedelta(minutes=2 ** max(attempts - 1, 0)), dt.timedelta(hours=6))


def subject_prefix():
    """``[<the site's name>] `` in the active language, for mail to members.

    ``EMAIL_SUBJECT_PREFIX`` is Django's, in English, for the mail to the admins.
    """
    name = translation.gettext("Competence Hub")
    return f"[{name}] "


def queue_mail(kind, to, subject, body, *, html="", reply_to=(), from_email="", language="",
               headers=None):
    """Store one e-mail and send it after the current transaction commits; returns the row.

    ``headers`` adds headers of the site's own (``List-Unsubscribe``); names and
    values are made one-line like every other header. A mail without a usable
    recipient is stored as failed (staff see it) and never sent.
    """
    recipients = _addresses(to)
    mail = OutgoingMail.objects.create(
        kind=kind,
        to=recipients,
        status=MailStatus.QUEUED if recipients else MailStatus.FAILED,
        last_error="" if recipients else "no recipient address",
        reply_to=_addresses(reply_to),
        from_email=header_safe(from_email, 320),
        subject=header_safe(subject),
        body=body,
        html=html,
        language=language,
        headers={header_safe(name, 78): header_safe(value, 2000)
                 for name, value in (headers or {}).items()},
    )
    if recipients:
        pk = mail.pk
        transaction.on_commit(lambda: schedule(pk))
    return mail


def queue_message(kind, message, language=""):
    """``queue_mail`` for an ``EmailMessage`` that a library built (allauth, error reports)."""
    html = next(
        (content for content, mimetype in getattr(message, "alternatives", ())
         if mimetype == "text/html"),
        "",
    )
    body = message.body
    if getattr(message, "content_subtype", "plain") == "html":
        body, html = "", message.body
    return queue_mail(
        kind, message.to, message.subject, body, html=html, reply_to=message.reply_to,
        from_email=message.from_email or "", language=language,
    )


class QueuedEmailBackend(BaseEmailBackend):
    """``EMAIL_BACKEND``: a message sent through Django's mail API is queued, not sent."""

    def send_messages(self, email_messages):
        for message in email_messages:
            queue_message(MailKind.OTHER, message, language=translation.get_language() or "")
        return len(email_messages)


def delivery_connection(**kwargs):
    """A connection to the real mail transport (``MAIL_DELIVERY_BACKEND``)."""
    return get_connection(settings.MAIL_DELIVERY_BACKEND, **kwargs)


def schedule(pk, run_after=None):
    """Enqueue the send; a queue failure never breaks the caller (the sweep picks it up)."""
    from website.tasks import send_outgoing_mail

    try:
        task = send_outgoing_mail.using(run_after=run_after) if run_after else send_outgoing_mail
        task.enqueue(pk)
    except Exception:  # noqa: BLE001 - the row waits; the sweep or the command sends it
        logger.exception("mail: could not enqueue outgoing mail %s", pk)


def message_for(mail):
    headers = {**mail.headers, "Auto-Submitted": "auto-generated"}
    if mail.language:
        headers["Content-Language"] = mail.language
    message = EmailMultiAlternatives(
        subject=mail.subject,
        body=mail.body,
        from_email=mail.from_email or None,
        to=mail.to,
        reply_to=mail.reply_to or None,
        headers=headers,
    )
    if mail.html:
        if mail.body:
            message.attach_alternative(mail.html, "text/html")
        else:
            message.body, message.content_subtype = mail.html, "html"
    return message


def deliver(pk, now=None):
    """Send one due row if no one else is sending it; True when it went out."""
    now = now or timezone.now()
    taken = OutgoingMail.objects.filter(
        pk=pk, status=MailStatus.QUEUED, next_attempt_at__lte=now
    ).update(status=MailStatus.SENDING, claimed_at=now, attempts=F("attempts") + 1)
    if not taken:
        return False
    mail = OutgoingMail.objects.get(pk=pk)
    try:
        message = message_for(mail)
        message.connection = delivery_connection()
        message.send()
    except Exception as exc:  # noqa: BLE001 - any mail trouble: keep the row, retry later
        _failed(mail, exc, now)
        return False
    OutgoingMail.objects.filter(pk=pk, status=MailStatus.SENDING).update(
        status=MailStatus.SENT, sent_at=timezone.now(), claimed_at=None, last_error="",
        body="", html="",
    )
    return True


def _failed(mail, exc, now):
    error = f"{type(exc).__name__}: {exc}"[:2000]
    if mail.attempts >= MAX_ATTEMPTS:
        status, next_attempt = MailStatus.FAILED, now
        logger.error("mail: gave up on outgoing mail %s after %s attempts: %s",
                     mail.pk, mail.attempts, error)
    else:
        status, next_attempt = MailStatus.QUEUED, now + backoff(mail.attempts)
        logger.warning("mail: outgoing mail %s not sent (attempt %s), retry at %s: %s",
                       mail.pk, mail.attempts, next_attempt.isoformat(), error)
    OutgoingMail.objects.filter(pk=mail.pk, status=MailStatus.SENDING).update(
        status=status, next_attempt_at=next_attempt, claimed_at=None, last_error=error
    )
    if status == MailStatus.QUEUED and _queue_can_defer():
        schedule(mail.pk, run_after=next_attempt)


def _queue_can_defer():
    from django_tasks import default_task_backend

    return default_task_backend.supports_defer


def due(now=None):
    return OutgoingMail.objects.filter(
        status=MailStatus.QUEUED, next_attempt_at__lte=now or timezone.now()
    )


def release_stale(now=None):
    """Put rows back in the queue whose worker died while sending them; returns how many."""
    now = now or timezone.now()
    return OutgoingMail.objects.filter(
        status=MailStatus.SENDING, claimed_at__lt=now - STALE_AFTER
    ).update(status=MailStatus.QUEUED, claimed_at=None, next_attempt_at=now)


def send_due(now=None, limit=500):
    """Send every row that is due (oldest first); returns how many went out."""
    now = now or timezone.now()
    release_stale(now)
    pks = list(due(now).order_by("next_attempt_at", "pk").values_list("pk", flat=True)[:limit])
    return sum(deliver(pk, now) for pk in pks)


def retry_failed():
    """Give failed rows a fresh set of attempts (after the mail server is fixed)."""
    return OutgoingMail.objects.filter(status=MailStatus.FAILED).update(
        status=MailStatus.QUEUED, attempts=0, next_attempt_at=timezone.now()
    )


def sweep_mail_queue():
    """Request-time sweep: at most once a minute, hand due mail to the task queue.

    Covers a send whose enqueue failed, a queue that cannot defer retries, and
    rows left "sending" by a dead worker. Returns True when it enqueued work.
    """
    if not cache.add(SWEEP_KEY, True, timeout=settings.MAIL_SWEEP_SECONDS):
        return None
    now = timezone.now()
    if not (release_stale(now) or due(now).exists()):
        return False
    from website.tasks import send_due_mail

    send_due_mail.enqueue()
    return True


def forget_address(address):
    """Delete the stored mail to or from ``address`` (account deletion); returns how many."""
    address = address.strip().lower()
    if not address:
        return 0
    candidates = OutgoingMail.objects.filter(
        Q(to__icontains=address) | Q(reply_to__icontains=address)
    )
    doomed = [
        mail.pk for mail in candidates
        if any(parseaddr(item)[1].lower() == address for item in [*mail.to, *mail.reply_to])
    ]
    return OutgoingMail.objects.filter(pk__in=doomed).delete()[0]


def status_counts():
    counts = dict.fromkeys(MailStatus.values, 0)
    rows = OutgoingMail.objects.order_by().values("status").annotate(n=Count("pk"))
    counts.update({row["status"]: row["n"] for row in rows})
    return counts
