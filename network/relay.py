"""The contact relay: members write to each other without seeing addresses.

A message is stored first, then mailed by a task; a failed send stays in the
table and ``retry_contact_messages`` (or the next send) tries again.
"""

import logging
from datetime import timedelta

from django.conf import settings
from django.core.mail import EmailMessage
from django.template.loader import render_to_string
from django.utils import timezone
from django_tasks import task

from network.choices import MessageStatus
from network.models import ContactMessage

logger = logging.getLogger(__name__)
MAX_ATTEMPTS = 8


def over_rate_limit(member):
    since = timezone.now() - timedelta(hours=1)
    recent = ContactMessage.objects.filter(sender=member, created_at__gte=since).count()
    return recent >= settings.NETWORK_CONTACT_RATE_PER_HOUR


def deliver(message):
    """Try to mail one stored message; returns True when sent."""
    recipient_address = message.recipient.email_for_contact
    message.attempts += 1
    if not recipient_address:
        message.status = MessageStatus.FAILED
        message.last_error = "recipient has no address"
        message.save(update_fields=["attempts", "status", "last_error"])
        return False
    body = render_to_string("network/email/contact_message.txt", {"message": message})
    mail = EmailMessage(
        subject=f"[Competence Hub] {message.subject}",
        body=body,
        to=[recipient_address],
        reply_to=[message.sender_email],
    )
    try:
        mail.send()
    except Exception as exc:  # SMTP trouble of any kind: keep the message, retry later
        logger.warning("contact message %s not sent: %s", message.pk, exc)
        message.status = MessageStatus.FAILED
        message.last_error = str(exc)[:1000]
        message.save(update_fields=["attempts", "status", "last_error"])
        return False
    message.status = MessageStatus.SENT
    message.sent_at = timezone.now()
    message.last_error = ""
    message.save(update_fields=["attempts", "status", "sent_at", "last_error"])
    return True


@task()
def deliver_contact_message(message_id):
    message = ContactMessage.objects.select_related("recipient__user").filter(
        pk=message_id, status__in=[MessageStatus.QUEUED, MessageStatus.FAILED]
    ).first()
    if message is not None:
        deliver(message)


def queue(message):
    try:
        deliver_contact_message.enqueue(message.pk)
    except Exception:  # the queue is down: the row is stored, the retry command sends it
        logger.exception("could not enqueue contact message %s", message.pk)


def retry_pending():
    """Send every stored message that has not gone out yet; returns how many were sent."""
    sent = 0
    pending = ContactMessage.objects.select_related("recipient__user").filter(
        status__in=[MessageStatus.QUEUED, MessageStatus.FAILED], attempts__lt=MAX_ATTEMPTS
    )
    for message in pending:
        sent += deliver(message)
    return sent
