"""Which funding calls a member organisation may apply for, from its own profile.

A call says who may apply with three lists: applicant types (``eligible``),
regions and pillars; an empty list means "anyone". A member is eligible when
its type, its region and one of its pillars each pass the list that is set.
Regions and pillars are compared by slug, which every translation of a term
shares, so a Bulgarian profile matches the English page of a call.

Members are network objects, named by string (``"network.Member"``): funding
does not import the network app.
"""

from dataclasses import dataclass

from django.apps import apps
from django.db.models import Q
from django.utils import timezone

from funding.choices import CallStatus
from funding.status import status_q
from website.choices import Status


@dataclass(frozen=True)
class Applicant:
    """What a call's eligibility is checked against: a member's type, region and pillars."""

    member_type: str
    region: str
    pillars: tuple

    @classmethod
    def of(cls, member):
        region = member.region.slug if member.region_id else ""
        pillars = tuple(sorted(set(member.pillars.values_list("slug", flat=True))))
        return cls(member.member_type, region, pillars)

    @property
    def key(self):
        """A stable text for cache keys: members with the same profile share a listing."""
        return "|".join([self.member_type, self.region, ",".join(self.pillars)])


def current_member(request):
    """The signed-in user's member profile (not a rejected one), or None."""
    if not request.user.is_authenticated:
        return None
    member_model = apps.get_model("network", "Member")
    return member_model.objects.filter(user=request.user).exclude(
        status=Status.REJECTED).select_related("region").first()


def eligible_q(applicant):
    """The condition on ``FundingCallPage`` rows that ``applicant`` may apply for."""
    from funding.models import FundingCallPage

    # ``eligible`` is a JSON list of codes; an exact quoted match keeps "ngo" from
    # matching a longer code that contains it (the index's "Who can apply" filter does the same).
    by_type = Q(eligible=[]) | Q(eligible__icontains=f'"{applicant.member_type}"')
    restricted_regions = FundingCallPage.eligible_regions.through.objects.values(
        "fundingcallpage_id")
    by_region = ~Q(pk__in=restricted_regions)
    if applicant.region:
        by_region |= Q(pk__in=FundingCallPage.eligible_regions.through.objects.filter(
            region__slug=applicant.region).values("fundingcallpage_id"))
    restricted_pillars = FundingCallPage.eligible_pillars.through.objects.values(
        "fundingcallpage_id")
    by_pillar = ~Q(pk__in=restricted_pillars)
    if applicant.pillars:
        by_pillar |= Q(pk__in=FundingCallPage.eligible_pillars.through.objects.filter(
            pillar__slug__in=applicant.pillars).values("fundingcallpage_id"))
    return by_type & by_region & by_pillar


def not_closed_q(now=None):
    return ~status_q(CallStatus.CLOSED, now or timezone.now())


def eligible_calls(member, locale, now=None):
    """Live, public calls in ``locale`` that are not closed and ``member`` may apply for."""
    from funding.models import FundingCallPage

    return (
        FundingCallPage.objects.live().public().filter(locale=locale)
        .filter(not_closed_q(now)).filter(eligible_q(Applicant.of(member)))
        .order_by("deadline", "title")
    )
