"""Builders for the following tests: indexed content, saved searches, digests run later."""

import datetime as dt
import re

from django.utils import timezone

from following.digest import send_following_digests
from search.sync import process_outbox
from tests.network.factories import make_activity, make_post
from website.models import MailKind, OutgoingMail


def indexed(capture, build):
    """Run ``build`` with its commit callbacks executed, then write the outbox to the index."""
    with capture(execute=True):
        made = build()
    process_outbox()
    return made


def post(capture, **fields):
    fields.setdefault("approved_at", timezone.now())
    return indexed(capture, lambda: make_post(**fields))


def activity(capture, **fields):
    fields.setdefault("approved_at", timezone.now())
    return indexed(capture, lambda: make_activity(**fields))


def later(days=1, hours=1):
    return timezone.now() + dt.timedelta(days=days, hours=hours)


def run_digests(days=1):
    return send_following_digests(now=later(days))


def digests():
    return list(OutgoingMail.objects.filter(kind=MailKind.FOLLOWING_DIGEST).order_by("pk"))


def links(body, name):
    return re.findall(rf"https?://\S+/following/{name}/\S+/", body)
