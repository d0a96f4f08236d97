"""Invalidate cached case studies when a member they link to changes.

A linked member's name, and whether it is approved and listed, show in the
case study's cached fragment. The member model is named by string
(``"network.Member"``), as the link's foreign key names it. Taxonomy changes
are handled by ``website.curated.signal_handlers``.
"""

from django.db import transaction
from django.db.models.signals import post_save, pre_delete

from website.curated.related import bump_content_version


def _member_changed(instance, **_kwargs):
    from casestudies.models import CaseStudyMember

    if CaseStudyMember.objects.filter(member_id=instance.pk).exists():
        # After the commit, so that no request caches the old state in between.
        transaction.on_commit(bump_content_version)


def register_signal_handlers():
    post_save.connect(_member_changed, sender="network.Member",
                      dispatch_uid="curated-linked-member-saved")
    # Before the delete, while the links that cascade with the member still exist.
    pre_delete.connect(_member_changed, sender="network.Member",
                       dispatch_uid="curated-linked-member-deleted")
