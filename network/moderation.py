"""Approving and rejecting members, posts, activities and network memberships.

Used by the admin views and the coordinators' page; each decision is saved,
mailed to the member and passed on to the search index. A decision on an
approved item's waiting edit applies it or drops it; the approved version was
public all along (``website.models.moderation``). The mail is queued in the
decision's own transaction (``website.mail``), in the member's language rather
than the editor's, and sent after commit: a mail server that is down never
undoes or fails an editor's decision, and the mail waits until it can go out.
"""

from django.conf import settings
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from network import indexing
from network.matching import record_matches
from network.models import B2BPost, Member, MemberActivity, NetworkMembership
from website import uploads
from website.mail import queue_mail
from website.models import MailKind
from website.moderation import Queue, register_queue


def owner_of(obj):
    return obj if isinstance(obj, Member) else obj.member


def notify(obj, approved, edit=False):
    """Queue the decision's e-mail to the member; returns the mail row, or None (no address)."""
    member = owner_of(obj)
    address = member.email_for_contact
    if not address:
        return None
    language = member.mail_language
    with translation.override(language):
        context = {"object": obj, "member": member, "approved": approved, "edit": edit,
                   "site_url": settings.SITE_URL}
        if edit:
            subject = _("Changes approved: %(title)s") if approved else _(
                "Changes not approved: %(title)s")
        else:
            subject = _("Approved: %(title)s") if approved else _("Not approved: %(title)s")
        body = render_to_string("network/email/moderation.txt", context)
    return queue_mail(
        MailKind.MODERATION, address, subject % {"title": str(obj)}, body, language=language
    )


def sync(obj):
    if isinstance(obj, Member):
        indexing.sync_member_tree(obj)  # its posts and activities may become public with it
    else:
        indexing.sync(obj)


def approve(obj, seen=None):
    """Approve ``obj`` (or its waiting edit); ``seen``: see ``Moderated.approve``."""
    with uploads.atomic():  # an approved logo moves from pending_logo to logo
        edit = obj.approve(seen)
        notify(obj, approved=True, edit=edit)
        sync(obj)
    if isinstance(obj, B2BPost):
        record_matches(obj)
    return edit


def reject(obj, reason, seen=None):
    """Reject ``obj``, or only its waiting edit (its approved version stays public)."""
    with uploads.atomic():
        edit = obj.reject(reason, seen)
        notify(obj, approved=False, edit=edit)
        sync(obj)
    return edit


def register_queues():
    """What waits for editors in the network, for the dashboard panel and the daily digest."""

    def listing(name, query):
        return lambda: f"{reverse(f'{name}:index')}?{query}"

    for queue in (
        Queue("registrations", gettext_lazy("New member registrations"), Member,
              Member.objects.new_pending, listing("network_member", "moderation=new"), 10),
        Queue("profile-changes", gettext_lazy("Changes to approved profiles"), Member,
              Member.objects.with_pending_changes,
              listing("network_member", "moderation=changes"), 20),
        Queue("posts", gettext_lazy("Offers and needs"), B2BPost,
              B2BPost.objects.awaiting_moderation,
              listing("network_b2bpost", "moderation=waiting"), 30),
        Queue("activities", gettext_lazy("Member events and news"), MemberActivity,
              MemberActivity.objects.awaiting_moderation,
              listing("network_activity", "moderation=waiting"), 40),
        Queue("group-requests", gettext_lazy("Requests to join groups"), NetworkMembership,
              NetworkMembership.objects.new_pending,
              listing("network_membership", "status=pending"), 50),
    ):
        register_queue(queue)
