"""Approved members' accounts belong to the "Approved members" group, and nobody else's do.

Editors restrict a page to approved members in Wagtail's privacy dialog
("Private, accessible to users in specific groups"). "Login required" lets in
any account with a confirmed e-mail address, approved member or not; this group
is the stricter choice. An account joins when its member is approved and leaves
when the member is rejected, deleted, or given to another account; every save
of a member reconciles the group, whatever saved it (moderation, the profile
form, the admin, an import). A profile edit leaves the member approved (the
edit waits for moderation while the approved profile stays public), so the
account stays in the group meanwhile.
The group has no permissions: it opens no part of the admin.
"""

from django.contrib.auth.models import Group
from django.db.models.signals import post_delete, post_save

APPROVED_MEMBERS_GROUP = "Approved members"  # also created by migration 0003


def approved_members_group():
    return Group.objects.get_or_create(name=APPROVED_MEMBERS_GROUP)[0]


def remove_stale_accounts(group):
    """Take out the accounts without an approved member: rejected, pending, deleted, moved."""
    from network.choices import Status

    stale = group.user_set.exclude(member__status=Status.APPROVED)
    group.user_set.remove(*stale)


def member_saved(instance, **_kwargs):
    from network.choices import Status

    group = approved_members_group()
    remove_stale_accounts(group)
    if instance.status == Status.APPROVED and instance.user_id:
        group.user_set.add(instance.user_id)  # no-op when already in


def member_deleted(instance, **_kwargs):
    remove_stale_accounts(approved_members_group())


def register_signal_handlers():
    from network.models import Member

    post_save.connect(member_saved, sender=Member, dispatch_uid="network-member-access-saved")
    post_delete.connect(member_deleted, sender=Member,
                        dispatch_uid="network-member-access-deleted")
