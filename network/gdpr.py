"""“Download my data” and “delete my account”."""

from django.contrib.sessions.models import Session
from django.db import transaction
from django.forms.models import model_to_dict
from wagtail.contrib.forms.models import FormSubmission

from network import indexing
from network.models import Consent, ContactMessage, Member
from website.mail import forget_address

EXPORT_SKIP = {"user", "logo", "pending_logo"}


def _plain(obj, skip=()):
    data = model_to_dict(obj, exclude=[*EXPORT_SKIP, *skip])
    for key, value in list(data.items()):
        if isinstance(value, list):
            data[key] = [str(item) for item in value]
        elif value is not None and not isinstance(value, (str, int, float, bool)):
            data[key] = str(value)
    data["id"] = obj.pk
    if obj.pending_changes is not None:  # what the member changed, not yet public
        data["changes_waiting_for_approval"] = obj.pending_changes
    return data


def export_data(user):
    """Everything the account entered, as JSON-ready data."""
    member = Member.objects.filter(user=user).first()
    data = {
        "account": {
            "email": user.email,
            "date_joined": user.date_joined.isoformat(),
            "last_login": user.last_login.isoformat() if user.last_login else None,
        },
        "consents": [
            {"version": c.version, "wording": c.wording, "given_at": c.given_at.isoformat()}
            for c in Consent.objects.filter(user=user)
        ],
        "member": None,
    }
    if member is not None:
        data["member"] = _plain(member)
        data["member"]["logo"] = member.logo.url if member.logo else ""
        if member.pending_logo:
            data["member"]["logo_waiting_for_approval"] = member.pending_logo.url
        data["posts"] = [_plain(p) for p in member.posts.all()]
        data["activities"] = [_plain(a) for a in member.activities.all()]
        data["network_memberships"] = [
            {"network": m.network.name, "status": m.status}
            for m in member.network_memberships.select_related("network")
        ]
        data["messages_sent"] = [
            {"to": m.recipient.name, "subject": m.subject, "body": m.body,
             "created_at": m.created_at.isoformat()}
            for m in ContactMessage.objects.filter(sender=member).select_related("recipient")
        ]
    return data


def end_sessions(user):
    user_id = str(user.pk)
    doomed = [
        session.pk
        for session in Session.objects.iterator()
        if session.get_decoded().get("_auth_user_id") == user_id
    ]
    Session.objects.filter(pk__in=doomed).delete()


def delete_form_submissions(email):
    if not email:
        return 0
    ids = [
        pk for pk, form_data in FormSubmission.objects.values_list("pk", "form_data")
        if email.lower() in str(form_data).lower()
    ]
    return FormSubmission.objects.filter(pk__in=ids).delete()[0]


def delete_account(user):
    """Remove the account and everything it entered (messages, mail, form submissions), at once; the search index follows.

    The outbox rows that take the member's, its posts' and its activities'
    documents out of the search index are written in the same transaction as
    the deletion. They are not tied to the deleted rows, so they outlive them,
    and each one stays (retried within minutes, listed by ``search_status``)
    until the engine confirms that removal; until then searches leave those
    documents out (``search.sync``, ``search.api``).
    """
    member = Member.objects.filter(user=user).first()
    with transaction.atomic():
        if member is not None:
            for obj in [member, *member.posts.all(), *member.activities.all()]:
                indexing.remove(obj)
            ContactMessage.objects.filter(sender=member).delete()
            member.delete()  # its logo goes once this commits (website.uploads.OwnsFiles)
        delete_form_submissions(user.email)
        for address in {user.email, member.contact_email if member else ""}:
            forget_address(address)  # the outgoing mail to and from the account
        end_sessions(user)
        user.delete()
