"""Invalidate cached related content and facets when the vocabulary changes.

Publishing, unpublishing, moving, deleting and privacy changes already start a
new content generation (``website.chrome``); taxonomy names and programmes
appear in cached fragments and facets too, so their changes do the same.
"""

from django.db.models.signals import post_delete, post_save

from casestudies.related import bump_content_version


def _bump(**_kwargs):
    bump_content_version()


def register_signal_handlers():
    from funding.models import FundingProgramme
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
