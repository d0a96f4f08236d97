"""Invalidate cached related content and facets when curated content changes."""

from django.db.models.signals import post_delete, post_save
from wagtail.models import Page, PageViewRestriction
from wagtail.signals import page_published, page_unpublished, post_page_move

from casestudies.related import bump_content_version


def _bump(**_kwargs):
    bump_content_version()


def register_signal_handlers():
    page_published.connect(_bump, dispatch_uid="curated-published")
    page_unpublished.connect(_bump, dispatch_uid="curated-unpublished")
    post_page_move.connect(_bump, dispatch_uid="curated-moved")
    post_delete.connect(_bump, sender=Page, dispatch_uid="curated-page-deleted")
    post_save.connect(_bump, sender=PageViewRestriction, dispatch_uid="curated-restricted")
    post_delete.connect(_bump, sender=PageViewRestriction, dispatch_uid="curated-unrestricted")
    # Taxonomy names and programmes appear in cached fragments and facets.
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
