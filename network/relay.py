"""The contact relay: members write to each other without seeing addresses.

A message is stored as a ``ContactMessage`` and mailed through the site's one
outgoing-mail queue (``website.mail``): it is queued in the same transaction,
retried while the mail server is down, and, if it finally fails, listed for
staff under "Outgoing mail" and "Contact messages". The recipient's address
goes only into the mail's To header, the sender's only into Reply-To.

A member without an address of its own (an imported organisation) can still be
written to: the message goes to the centre's contact address (site settings)
to be forwarded, and the sender is told so. With neither, there is no form.
"""

from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from wagtail.models import Site

from network.models import ContactMessage
from website.mail import queue_mail, subject_prefix
from website.models import MailKind, SiteSettings


def over_rate_limit(member):
    since = timezone.now() - timedelta(hours=1)
    recent = ContactMessage.objects.filter(sender=member, created_at__gte=since).count()
    return recent >= settings.NETWORK_CONTACT_RATE_PER_HOUR


def centre_address(request):
    """The centre's contact address from the site settings ("" when none is set)."""
    site = Site.find_for_request(request)
    return SiteSettings.for_site(site).contact_email if site else ""


def route(recipient, centre=""):
    """Where a message to ``recipient`` goes: ``(address, forwarded)``; no address, no form."""
    address = recipient.email_for_contact
    if address:
        return address, False
    return (centre, True) if centre else ("", False)


def send(*, sender, sender_email, recipient, subject, body, post=None, centre=""):
    """Store a message and queue its mail; returns the message, or None when it has nowhere to go."""
    address, forwarded = route(recipient, centre)
    if not address:
        return None
    with transaction.atomic():
        message = ContactMessage.objects.create(
            sender=sender, sender_email=sender_email, recipient=recipient, post=post,
            subject=subject, body=body, forwarded=forwarded,
        )
        language = settings.LANGUAGE_CODE if forwarded else recipient.mail_language
        with translation.override(language):
            text = render_to_string(
                "network/email/contact_message.txt",
                {"message": message, "forwarded": forwarded,
                 "site_url": settings.SITE_URL},
            )
            title = (
                _("To forward to %(name)s: %(subject)s") % {"name": recipient.name,
                                                           "subject": subject}
                if forwarded else subject
            )
            title = f"{subject_prefix()}{title}"
        message.mail = queue_mail(
            MailKind.CONTACT, address, title, text,
            reply_to=sender_email, language=language,
        )
        message.save(update_fields=["mail"])
    return message
