"""Approving and rejecting members, posts, activities and network memberships.

Used by the admin views; each decision is saved, mailed to the member and
passed on to the search index.
"""

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.utils.translation import gettext as _

from network import indexing
from network.matching import record_matches
from network.models import B2BPost, Member


def owner_of(obj):
    return obj if isinstance(obj, Member) else obj.member


def notify(obj, approved):
    member = owner_of(obj)
    address = member.email_for_contact
    if not address:
        return
    context = {"object": obj, "member": member, "approved": approved,
               "site_url": settings.SITE_URL}
    subject = (
        _("Approved: %(title)s") if approved else _("Not approved: %(title)s")
    ) % {"title": str(obj)}
    body = render_to_string("network/email/moderation.txt", context)
    send_mail(subject, body, None, [address], fail_silently=True)


def approve(obj):
    with transaction.atomic():
        obj.approve()
        obj.save()
    if isinstance(obj, Member):
        indexing.sync_member_tree(obj)  # its posts and activities may become public with it
    else:
        indexing.sync(obj)
    if isinstance(obj, B2BPost):
        record_matches(obj)
    notify(obj, approved=True)


def reject(obj, reason):
    with transaction.atomic():
        obj.reject(reason)
        obj.save()
    if isinstance(obj, Member):
        indexing.sync_member_tree(obj)
    else:
        indexing.sync(obj)
    notify(obj, approved=False)
