"""Mail to a member about certificates and mentoring, in the member's language, through the queue.

``mail_member`` renders ``learning/email/<template>_subject.txt`` and
``<template>.txt`` under the member's ``mail_language`` (not the language of
whoever caused the mail: a mentor answering in English still writes to a
Bulgarian learner in Bulgarian) and queues it with ``website.mail.queue_mail``
in the caller's transaction, so it goes out only if the change it reports is
saved. Links in it are absolute, on ``SITE_URL``.
"""

from django.conf import settings
from django.template.loader import render_to_string
from django.utils import translation

from website.mail import queue_mail
from website.models import MailKind


def link(path):
    return settings.SITE_URL + path


def mail_member(member, template, context, url_name=None, url_kwargs=None):
    """Queue the mail to ``member``; the row, or None when the member has no address.

    ``url_name`` (with ``url_kwargs``) is reversed in the member's language and
    given to the template as ``url``.
    """
    from django.urls import reverse

    address = member.email_for_contact
    if not address:
        return None
    language = member.mail_language
    with translation.override(language):
        context = {"member": member, "site_url": settings.SITE_URL, **context}
        if url_name:
            context["url"] = link(reverse(url_name, kwargs=url_kwargs or {}))
        subject = render_to_string(f"learning/email/{template}_subject.txt", context)
        body = render_to_string(f"learning/email/{template}.txt", context)
    return queue_mail(MailKind.OTHER, address, " ".join(subject.split()), body,
                      language=language)
