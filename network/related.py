"""Curated content related to members, posts and pillars.

The curated types belong to other apps; ``website.curated.related`` finds them
and ranks them by shared vocabulary, so this module names none of them. A B2B
post asks the search engine first ("more like this"), then the vocabulary: its
category's pillar, or its member's pillars, and the member's themes. Every box
gets the same items (``title``, ``url``, ``card_kind``, ``explicit``).
"""

from search import api, registry
from website.curated.models import CuratedPage
from website.curated.related import similar_items

# Which B2B categories speak to which pillar (slug fragments of the cluster's pillars).
CATEGORY_PILLARS = {
    "textile-offcuts": "textile",
    "plastic-regrind": "plastic",
    "packaging": "plastic",
    "organic-residues": "agri",
}


def related_for_member(member, exclude=()):
    return similar_items(
        pillars=[p.slug for p in member.pillars.all()],
        themes=[t.slug for t in member.themes.all()],
        exclude=exclude,
    )


def curated_kinds():
    """The search kinds of the curated content (the sources of ``CuratedPage`` types)."""
    return {s.kind: s.label for s in registry.get_sources() if issubclass(s.model, CuratedPage)}


def related_from_search(obj, limit=6):
    """Curated content the search engine finds like ``obj`` ("more like this").

    Nothing while the engine is down or skipped by the breaker (``search.api``).
    """
    kinds = curated_kinds()
    hits = [hit for hit in api.related(obj, limit=limit * 3) if hit.kind in kinds]
    return [
        {"title": hit.title, "url": hit.url, "card_kind": str(kinds[hit.kind]), "explicit": False}
        for hit in hits[:limit]
    ]


def related_for_post(post, limit=6):
    """The search engine's related content; the shared vocabulary when it has none."""
    found = related_from_search(post, limit) if post.is_public else []
    return found or related_by_vocabulary(post, limit)


def related_by_vocabulary(post, limit=6):
    fragment = CATEGORY_PILLARS.get(post.category)
    pillar_slugs = []
    if fragment:
        from website.models import Pillar

        pillar_slugs = list(
            Pillar.objects.filter(slug__icontains=fragment).values_list("slug", flat=True)
        )
    if not pillar_slugs:
        pillar_slugs = [p.slug for p in post.member.pillars.all()]
    theme_slugs = [t.slug for t in post.member.themes.all()]
    return similar_items(pillars=pillar_slugs, themes=theme_slugs, limit=limit)


def content_for_pillar(slug, limit=12):
    return similar_items(pillars=[slug], limit=limit)
