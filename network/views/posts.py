from django.contrib import messages
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from network import indexing, relay
from network.choices import PostCategory, PostKind
from network.directory import decorate_posts
from network.forms import B2BPostForm
from network.matching import matches_for
from network.models import B2BPost
from network.related import related_for_post
from network.views.common import member_required, own_member, posted
from website import uploads
from website.moderation import OUTCOME_MESSAGES, save_submission
from website.submissions import submit_once


def post_list(request):
    posts = B2BPost.objects.public().select_related("member", "region")
    kind = request.GET.get("kind", "")
    category = request.GET.get("category", "")
    if kind in PostKind.values:
        posts = posts.filter(kind=kind)
    if category in PostCategory.values:
        posts = posts.filter(category=category)
    page = Paginator(posts.order_by("-approved_at", "-pk"), 20).get_page(request.GET.get("page"))
    decorate_posts(page.object_list)
    context = {
        "posts": page, "kinds": PostKind.choices, "categories": PostCategory.choices,
        "kind": kind, "category": category,
    }
    return render(request, "network/post_list.html", context)


def post_detail(request, pk):
    post = get_object_or_404(B2BPost.objects.select_related("member", "region"), pk=pk)
    viewer = own_member(request)
    is_owner = viewer is not None and viewer.pk == post.member_id
    if not post.is_public and not is_owner:
        raise Http404
    decorate_posts([post])
    context = {
        "post": post,
        "is_owner": is_owner,
        "matches": decorate_posts(matches_for(post)),
        "related": related_for_post(post),
        "can_contact": bool(relay.route(post.member, relay.centre_address(request))[0]),
    }
    return render(request, "network/post_detail.html", context)


@member_required
def post_create(request, member):
    form = B2BPostForm(
        posted(request), initial={"kind": request.GET.get("kind")}, submitter=request.user
    )
    if request.method == "POST" and form.is_valid():
        def create():
            post, _outcome = save_submission(form, member=member)
            return post.get_absolute_url()

        return submit_once(
            request, form, create, _("Your post is saved and waits for an editor's approval.")
        )
    return render(request, "network/post_form.html", {"form": form})


@member_required
def post_edit(request, member, pk):
    post = get_object_or_404(B2BPost, pk=pk, member=member)
    form = B2BPostForm(posted(request), instance=post.draft(), initial=post.draft_initial())
    if request.method == "POST" and form.is_valid():
        with uploads.atomic():
            post, outcome = save_submission(form)  # an approved post stays public meanwhile
            indexing.sync(post)
        messages.success(request, OUTCOME_MESSAGES.get(outcome, _(
            "Your changes are saved and wait for an editor's approval.")))
        return redirect(post.get_absolute_url())
    return render(request, "network/post_form.html", {"form": form, "post": post})


@require_POST
@member_required
def post_delete(request, member, pk):
    post = get_object_or_404(B2BPost, pk=pk, member=member)
    indexing.remove(post)
    post.delete()
    messages.success(request, _("The post is deleted."))
    return redirect("network:dashboard")
