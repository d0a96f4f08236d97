from django.contrib import messages
from django.contrib.auth import get_user_model
from django.http import Http404, JsonResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from network import indexing, relay
from network.choices import Status
from network.directory import decorate, decorate_posts, geojson
from network.forms import MemberProfileForm
from network.models import Member
from network.related import related_for_member
from network.views.common import member_login_required, member_required, own_member, posted
from website.curated.featuring import featuring
from website.models import Pillar
from website.moderation import OUTCOME_MESSAGES, save_submission
from website.submissions import AlreadySubmitted, submit_once


@member_login_required
def profile_edit(request):
    member = Member.objects.filter(user=request.user).first()
    form = MemberProfileForm(
        posted(request), request.FILES or None, instance=member.draft() if member else None,
        initial=member.draft_initial() if member else None, submitter=request.user,
    )
    if request.method == "POST" and form.is_valid():
        outcome = []

        def save():
            if form.instance.pk is None:
                # One profile per account, also when two tabs create one at once.
                get_user_model().objects.select_for_update().filter(pk=request.user.pk).first()
                if Member.objects.filter(user=request.user).exists():
                    raise AlreadySubmitted(reverse("network:profile_edit"))
            # A new or unapproved profile waits for approval; an approved one stays
            # public as it is while the changes wait (website.moderation).
            profile, result = save_submission(
                form, user=request.user, language=translation.get_language(),
            )
            indexing.sync_member_tree(profile)
            outcome.append(result)
            return reverse("network:dashboard")

        response = submit_once(request, form, save)
        if outcome:
            messages.success(request, OUTCOME_MESSAGES.get(outcome[0], _(
                "Your profile is saved and waits for an editor's approval.")))
        return response
    return render(request, "network/profile_form.html", {"form": form, "member": member})


@member_required
def dashboard(request, member):
    context = {
        "member": member,
        "posts": member.posts.select_related("region").order_by("-created_at"),
        "activities": member.activities.order_by("-created_at"),
        "groups": member.network_memberships.select_related("network"),
    }
    return render(request, "network/dashboard.html", context)


def member_detail(request, slug):
    member = get_object_or_404(
        Member.objects.select_related("region", "country").prefetch_related("pillars", "themes"),
        slug=slug,
    )
    viewer = own_member(request)
    is_owner = viewer is not None and viewer.pk == member.pk
    if not member.is_public and not is_owner:
        raise Http404
    decorate([member])
    featured = featuring(member, request) if member.is_public else []
    context = {
        "member": member,
        "is_owner": is_owner,
        "posts": (
            decorate_posts(list(member.posts.public().select_related("region", "member")))
            if member.is_public else []
        ),
        "activities": member.activities.public() if member.is_public else [],
        "groups": member.network_memberships.filter(status=Status.APPROVED).select_related(
            "network"
        ),
        "featured": featured,
        "related": related_for_member(
            member, exclude=[page.pk for section in featured for page in section["items"]]
        ),
        "can_contact": bool(relay.route(member, relay.centre_address(request))[0]),
    }
    return render(request, "network/member_detail.html", context)


@require_GET
def members_geojson(request):
    response = JsonResponse(geojson(request.GET))
    response["Content-Type"] = "application/geo+json"
    return response


def pillar_detail(request, slug):
    pillars = Pillar.objects.filter(slug=slug)
    if not pillars.exists():
        raise Http404
    pillar = pillars.in_active_locale().first() or pillars.first()
    members = (
        Member.objects.public().filter(pillars__slug=slug).distinct()
        .select_related("region", "country").prefetch_related("pillars").order_by("name")
    )
    members = decorate(list(members))
    target = pillar.membership_target or 0
    count = len(members)
    from network.related import content_for_pillar

    context = {
        "pillar": pillar,
        "members": members,
        "member_count": count,
        "target": target,
        "progress": min(100, round(100 * count / target)) if target else 100,
        "content": content_for_pillar(slug),
    }
    return render(request, "network/pillar_detail.html", context)


def pillar_list(request):
    from django.db.models import Count, Q

    counts = dict(
        Pillar.objects.order_by().values("slug").annotate(
            n=Count("members", filter=Q(members__status=Status.APPROVED, members__listed=True),
                    distinct=True)
        ).values_list("slug", "n")
    )
    pillars = list(Pillar.objects.in_active_locale())
    for pillar in pillars:
        pillar.member_count = counts.get(pillar.slug, 0)
        target = pillar.membership_target or 0
        pillar.progress = min(100, round(100 * pillar.member_count / target)) if target else 100
    return render(request, "network/pillar_list.html", {"pillars": pillars})
