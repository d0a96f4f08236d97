"""Requests to join a network or working group, and who is told about them.

The coordinator decides on the group's page, so a request goes to the
coordinator when it is a member who can sign in (it has an active account) and
has an address to write to. Otherwise the staff decide in the admin (Network →
Group memberships): the request goes to everyone who may moderate memberships
(the Editors and Moderators groups, administrators), or, with none of them
reachable, to the centre's contact address (site settings). The member is told
which of these it was, or that nobody could be written to and the request waits
among the admin's moderation counts.
"""

from django.conf import settings
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.http import urlencode
from django.utils.translation import gettext as _

from network.models import NetworkMembership
from website.mail import queue_mail
from website.models import MailKind
from website.moderation import moderators, staff_language

COORDINATOR, STAFF, CENTRE, NOBODY = "coordinator", "staff", "centre", "nobody"


def coordinator_reachable(group):
    coordinator = group.coordinator
    return bool(
        coordinator is not None and coordinator.user_id and coordinator.user.is_active
        and coordinator.email_for_contact
    )


def recipients(group, centre=""):
    """``(who, [(address, language), ...])`` for a request to join ``group``."""
    if coordinator_reachable(group):
        coordinator = group.coordinator
        return COORDINATOR, [(coordinator.email_for_contact, coordinator.mail_language)]
    staff = [(user.email, staff_language(user)) for user in moderators(NetworkMembership)]
    if staff:
        return STAFF, staff
    if centre:
        return CENTRE, [(centre, settings.LANGUAGE_CODE)]
    return NOBODY, []


def decision_url(membership, who):
    """Where the recipient decides: the group's page (coordinator) or the admin listing."""
    if who == COORDINATOR:
        return settings.SITE_URL + membership.network.get_absolute_url()
    query = urlencode({"status": "pending", "network": membership.network_id})
    return f"{settings.SITE_URL}{reverse('network_membership:index')}?{query}"


def tell(membership, centre=""):
    """Queue the mails about a new request (in the caller's transaction); returns who was told."""
    who, addresses = recipients(membership.network, centre)
    for address, language in addresses:
        with translation.override(language):
            context = {
                "membership": membership, "member": membership.member,
                "group": membership.network, "coordinator": who == COORDINATOR,
                "url": decision_url(membership, who),
                "profile_url": (settings.SITE_URL + membership.member.get_absolute_url()
                                if membership.member.is_public else ""),
            }
            subject = _("Request to join %(group)s: %(member)s") % {
                "group": membership.network.name, "member": membership.member.name}
            body = render_to_string("network/email/join_request.txt", context)
        queue_mail(MailKind.MODERATION, address, subject, body, language=language)
    return who


def confirmation(who, group):
    """What the member reads after asking to join: who was really told."""
    if who == COORDINATOR:
        return _("Your request to join is saved, and the group's coordinator, %(name)s, is "
                 "told by e-mail.") % {"name": group.coordinator.name}
    if who in (STAFF, CENTRE):
        return _("Your request to join is saved, and the centre's staff are told by e-mail: "
                 "they decide on requests while the group has no coordinator on the site.")
    return _("Your request to join is saved. The centre's staff will find it among the "
             "requests waiting for approval.")
