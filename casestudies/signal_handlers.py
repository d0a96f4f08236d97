"""Invalidate cached related content and facets when the vocabulary changes.

Publishing, unpublishing, moving, deleting and privacy changes already start a
new content generation (``website.chrome``); taxonomy names and programmes
appear in cached fragments and facets too, so their changes do the same. So
does any change to a member that a case study links to (its name, or whether
it is approved and listed, shows in the case study's cached fragment).
"""

from django.db import transaction
from django.db.models.signals import post_delete, post_save, pre_delete

from website.curated.related import bump_content_version


def _bump(**_kwargs):
    bump_content_version()


def _member_changed(instance, **_kwargs):
    from casestudies.models import CaseStudyMember

    if CaseStudyMember.objects.filter(member_id=instance.pk).exists():
        # After the commit, so that no request caches the old state in between.
        transaction.on_commit(bump_content_version)


def register_signal_handlers():
    from funding.models import FundingProgramme
    from network.models import Member
    from website.models import (
        Country,
        Pillar,
        Region,
        SocialInnovationCriterion,
        SocialInnovationDimension,
        ThematicPriority,
    )

    for model in (Country, Pillar, Region, SocialInnovationCriterion, SocialInnovationDimension,
                  ThematicPriority, FundingProgramme):
        uid = f"curated-term-{model._meta.label_lower}"
        post_save.connect(_bump, sender=model, dispatch_uid=f"{uid}-saved")
        post_delete.connect(_bump, sender=model, dispatch_uid=f"{uid}-deleted")
    post_save.connect(_member_changed, sender=Member, dispatch_uid="curated-linked-member-saved")
    # Before the delete, while the links that cascade with the member still exist.
    pre_delete.connect(_member_changed, sender=Member, dispatch_uid="curated-linked-member-deleted")
