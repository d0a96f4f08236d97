"""Matching offers with needs: same category or waste code, compatible region, both valid."""

from django.db.models import Q

from network.choices import PostKind
from network.models import B2BPost, MatchNotice


def opposite(kind):
    return PostKind.NEED if kind == PostKind.OFFER else PostKind.OFFER


def score(post, other):
    """Higher is better: a shared waste code beats a shared category; same region adds."""
    points = 0
    if post.waste_code and post.waste_code == other.waste_code:
        points += 4
    if post.category == other.category:
        points += 2
    if post.region_id and post.region_id == other.region_id:
        points += 1
    return points


def region_compatible(post, other):
    # Empty region means "anywhere"; otherwise the same region (by slug, any translation).
    if post.region_id is None or other.region_id is None:
        return True
    return post.region.slug == other.region.slug


def matches_for(post, limit=10):
    """Public posts of the opposite kind that match ``post``, best first.

    ``post`` itself need not be public (its owner sees matches while it waits
    for approval), but it must still be valid.
    """
    if post.is_expired:
        return []
    criteria = Q(category=post.category)
    if post.waste_code:
        criteria |= Q(waste_code=post.waste_code)
    candidates = (
        B2BPost.objects.public()
        .filter(criteria, kind=opposite(post.kind))
        .exclude(member_id=post.member_id)
        .select_related("member", "region")
    )
    found = [other for other in candidates if region_compatible(post, other)]
    found.sort(key=lambda other: (-score(post, other), other.valid_until, other.pk))
    return found[:limit]


def record_matches(post):
    """After ``post`` is approved: queue digest notices for both sides of each match."""
    created = 0
    for other in matches_for(post, limit=50):
        for mine, theirs in ((post, other), (other, post)):
            _notice, made = MatchNotice.objects.get_or_create(post=mine, match=theirs)
            created += made
    return created
