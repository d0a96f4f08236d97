import json

from django.contrib import messages
from django.contrib.auth import logout
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from network import relay
from network.choices import ContactPreference
from network.forms import ContactForm, DeleteAccountForm
from network.gdpr import delete_account, export_data
from network.models import B2BPost, ContactMessage, Member
from network.views.common import member_login_required, member_required, posted


@member_required
def contact(request, member, slug):
    recipient = get_object_or_404(Member.objects.public(), slug=slug)
    if recipient.pk == member.pk or recipient.contact_preference == ContactPreference.NONE:
        raise Http404
    post = None
    if request.GET.get("post") or request.POST.get("post"):
        post_id = request.POST.get("post") or request.GET.get("post")
        if not str(post_id).isdigit():
            raise Http404
        post = get_object_or_404(B2BPost.objects.public(), pk=post_id, member=recipient)
    initial = {"subject": post.title} if post else {}
    form = ContactForm(posted(request), initial=initial)
    if request.method == "POST" and form.is_valid():
        if relay.over_rate_limit(member):
            form.add_error(None, _("You have sent many messages recently; try again later."))
        else:
            message = ContactMessage.objects.create(
                sender=member, sender_email=request.user.email, recipient=recipient, post=post,
                subject=form.cleaned_data["subject"], body=form.cleaned_data["body"],
            )
            relay.queue(message)
            messages.success(request, _("Your message is on its way."))
            return redirect(post.get_absolute_url() if post else recipient.get_absolute_url())
    context = {"form": form, "recipient": recipient, "post": post}
    return render(request, "network/contact_form.html", context)


@member_login_required
def download_data(request):
    data = export_data(request.user)
    response = HttpResponse(
        json.dumps(data, ensure_ascii=False, indent=2), content_type="application/json"
    )
    response["Content-Disposition"] = 'attachment; filename="my-data.json"'
    return response


@member_login_required
def delete_my_account(request):
    form = DeleteAccountForm(posted(request))
    if request.method == "POST" and form.is_valid():
        user = request.user
        logout(request)
        delete_account(user)
        messages.success(request, _(
            "Your account and everything you entered are deleted. Your profile is gone from "
            "the site now and will be gone from search within a few minutes."
        ))
        return redirect("/")
    return render(request, "network/delete_account.html", {"form": form})
