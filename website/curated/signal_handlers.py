"""Cached curated fragments and facets follow the vocabulary they show.

Publishing, unpublishing, moving, deleting and privacy changes already start a
new content generation (``website.chrome``); taxonomy names appear in cached
fragments and facets too, so their changes do the same. A content app whose
own vocabulary shows on curated pages (funding programmes) connects it with
``bump_on_change`` in its ``AppConfig.ready()``.
"""

from django.db.models.signals import post_delete, post_save

from website.curated.related import bump_content_version


def _bump(**_kwargs):
    bump_content_version()


def bump_on_change(*models):
    """A new content generation whenever a row of these models is saved or deleted."""
    for model in models:
        uid = f"curated-term-{model._meta.label_lower}"
        post_save.connect(_bump, sender=model, dispatch_uid=f"{uid}-saved")
        post_delete.connect(_bump, sender=model, dispatch_uid=f"{uid}-deleted")


def register_signal_handlers():
    from website.models import (
        Country,
        Pillar,
        Region,
        SocialInnovationCriterion,
        SocialInnovationDimension,
        ThematicPriority,
    )

    bump_on_change(Country, Pillar, Region, SocialInnovationCriterion, SocialInnovationDimension,
                   ThematicPriority)
