"""The daily match digest: at most one e-mail a day per member with its new matches.

Each digest is queued (``website.mail``) in the member's language, in the same
transaction that marks its notices as sent, so a digest is neither lost nor
sent twice when mail or the process fails half-way.
"""

from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from network.models import MatchNotice, Member
from website.mail import queue_mail
from website.models import MailKind


def send_match_digests(now=None):
    """Queue each member's unsent, still-valid matches; returns the number of digests."""
    now = now or timezone.now()
    cutoff = now - timedelta(hours=23)
    notices = (
        MatchNotice.objects.filter(sent_at__isnull=True)
        .select_related("post__member__user", "match__member")
        .order_by("post__member_id", "created_at")
    )
    by_member = {}
    for notice in notices:
        by_member.setdefault(notice.post.member, []).append(notice)
    sent = 0
    for member, items in by_member.items():
        if member.last_digest_at and member.last_digest_at > cutoff:
            continue
        live = [n for n in items if n.match.is_public and not n.post.is_expired]
        address = member.email_for_contact
        with transaction.atomic():
            if live and address:
                queue_digest(member, address, live)
                sent += 1
                Member.objects.filter(pk=member.pk).update(last_digest_at=now)
            MatchNotice.objects.filter(pk__in=[n.pk for n in items]).update(sent_at=now)
    return sent


def queue_digest(member, address, notices):
    language = member.mail_language
    with translation.override(language):
        body = render_to_string(
            "network/email/match_digest.txt",
            {"member": member, "notices": notices, "site_url": settings.SITE_URL},
        )
        subject = _("New matches for your offers and needs")
    return queue_mail(MailKind.DIGEST, address, subject, body, language=language)
