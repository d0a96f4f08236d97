"""Approving and rejecting mentor profiles, and their queue for editors.

What a mentor profile says (expertise, terms, languages, levels) is read by
learners choosing a mentor, so an editor approves it first
(``website.models.moderation``). Each decision is mailed to the mentor in the
decision's own transaction (``learning.mailing``), in the mentor's language;
the reason of a rejection is in it. Rejecting a whole profile (not only its
waiting edit) also declines the requests that still wait for the mentor's
answer: those learners are told at once instead of waiting for the expiry.
"""

from django.db import transaction
from django.urls import reverse
from django.utils.translation import gettext_lazy

from learning.mailing import mail_member
from learning.mentoring import rules
from learning.models import MentorProfile
from website.moderation import Queue, register_queue

ADMIN_LISTING = "learning_mentors"


def notify(profile, approved, edit):
    return mail_member(profile.member, "mentor_profile_decision",
                       {"profile": profile, "approved": approved, "edit": edit},
                       "learning:mentoring")


def approve(profile, seen=None):
    """Approve the profile (or its waiting edit); ``seen``: see ``Moderated.approve``."""
    with transaction.atomic():
        edit = profile.approve(seen)
        notify(profile, approved=True, edit=edit)
    return edit


def reject(profile, reason, seen=None):
    """Reject the profile, or only its waiting edit (the approved version stays offered)."""
    with transaction.atomic():
        edit = profile.reject(reason, seen)
        notify(profile, approved=False, edit=edit)
        if not edit:
            rules.decline_waiting(profile, rules.REASON_UNAVAILABLE)
    return edit


def register_queues():
    """New mentor profiles and edits of approved ones, for the dashboard panel and the digest."""
    register_queue(Queue(
        "mentor-profiles", gettext_lazy("Mentor profiles"), MentorProfile,
        MentorProfile.objects.awaiting_moderation,
        lambda: f"{reverse(f'{ADMIN_LISTING}:index')}?moderation=waiting", 60))
