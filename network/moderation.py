"""Approving and rejecting members, posts, activities and network memberships.

Used by the admin views; each decision is saved, mailed to the member and
passed on to the search index. The mail is queued in the decision's own
transaction (``website.mail``), in the member's language rather than the
editor's, and sent after commit: a mail server that is down never undoes or
fails an editor's decision, and the mail waits until it can go out.
"""

from django.conf import settings
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.translation import gettext as _

from network import indexing
from network.matching import record_matches
from network.models import B2BPost, Member
from website.mail import queue_mail
from website.models import MailKind


def owner_of(obj):
    return obj if isinstance(obj, Member) else obj.member


def notify(obj, approved):
    """Queue the decision's e-mail to the member; returns the mail row, or None (no address)."""
    member = owner_of(obj)
    address = member.email_for_contact
    if not address:
        return None
    language = member.mail_language
    with translation.override(language):
        context = {"object": obj, "member": member, "approved": approved,
                   "site_url": settings.SITE_URL}
        subject = (
            _("Approved: %(title)s") if approved else _("Not approved: %(title)s")
        ) % {"title": str(obj)}
        body = render_to_string("network/email/moderation.txt", context)
    return queue_mail(MailKind.MODERATION, address, subject, body, language=language)


def approve(obj):
    with transaction.atomic():
        obj.approve()
        obj.save()
        notify(obj, approved=True)
    if isinstance(obj, Member):
        indexing.sync_member_tree(obj)  # its posts and activities may become public with it
    else:
        indexing.sync(obj)
    if isinstance(obj, B2BPost):
        record_matches(obj)


def reject(obj, reason):
    with transaction.atomic():
        obj.reject(reason)
        obj.save()
        notify(obj, approved=False)
    if isinstance(obj, Member):
        indexing.sync_member_tree(obj)
    else:
        indexing.sync(obj)
