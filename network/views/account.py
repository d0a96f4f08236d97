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
from website.models import MailStatus, OutgoingMail
from website.submissions import submit_once


@member_required
def contact(request, member, slug):
    recipient = get_object_or_404(Member.objects.public(), slug=slug)
    if recipient.pk == member.pk or recipient.contact_preference == ContactPreference.NONE:
        raise Http404
    centre = relay.centre_address(request)
    address, forwarded = relay.route(recipient, centre)
    if not address:
        raise Http404  # nowhere to deliver it: the profile offers no form either
    post = None
    if request.GET.get("post") or request.POST.get("post"):
        post_id = request.POST.get("post") or request.GET.get("post")
        if not str(post_id).isdigit():
            raise Http404
        post = get_object_or_404(B2BPost.objects.public(), pk=post_id, member=recipient)
    initial = {"subject": post.title} if post else {}
    form = ContactForm(posted(request), initial=initial, submitter=request.user)
    if request.method == "POST" and form.is_valid():
        if relay.over_rate_limit(member):
            form.add_error(None, _("You have sent many messages recently; try again later."))
        else:
            sent = []

            def create():
                sent.append(relay.send(
                    sender=member, sender_email=request.user.email, recipient=recipient,
                    post=post, subject=form.cleaned_data["subject"],
                    body=form.cleaned_data["body"], centre=centre,
                ))
                return post.get_absolute_url() if post else recipient.get_absolute_url()

            response = submit_once(request, form, create)
            stored = sent and ContactMessage.objects.filter(pk=sent[0].pk).exists()
            if stored:  # not a repeat: say what happened to this message's mail
                tell_sender(request, sent[0])
            return response
    context = {"form": form, "recipient": recipient, "post": post, "forwarded": forwarded}
    return render(request, "network/contact_form.html", context)


def tell_sender(request, message):
    """Say what really happened to the message (the mail task has run or been queued by now)."""
    if message.forwarded:
        messages.info(request, _(
            "This member has no e-mail address with us: your message goes to the "
            "centre's team, who will pass it on."
        ))
    mail = OutgoingMail.objects.get(pk=message.mail_id)
    if mail.status == MailStatus.SENT:
        messages.success(request, _("Your message has been sent."))
    elif mail.status == MailStatus.FAILED:
        messages.warning(request, _(
            "Your message could not be sent. It is saved, and the centre's staff can see it."
        ))
    elif mail.status == MailStatus.QUEUED and mail.last_error:
        messages.warning(request, _(
            "The mail server is not answering right now. Your message is saved and will be "
            "sent as soon as it answers."
        ))
    else:
        messages.success(request, _("Your message is queued and will be sent shortly."))


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
