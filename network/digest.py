"""The daily match digest: at most one e-mail a day per member with its new matches."""

from datetime import timedelta

from django.conf import settings
from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext as _

from network.models import MatchNotice, Member


def send_match_digests(now=None):
    """Mail each member its unsent, still-valid matches; returns the number of mails."""
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
        if live and address:
            body = render_to_string(
                "network/email/match_digest.txt",
                {"member": member, "notices": live, "site_url": settings.SITE_URL},
            )
            send_mail(_("New matches for your offers and needs"), body, None, [address])
            sent += 1
            Member.objects.filter(pk=member.pk).update(last_digest_at=now)
        MatchNotice.objects.filter(pk__in=[n.pk for n in items]).update(sent_at=now)
    return sent
