"""The mentoring section of a member's dashboard (``website.dashboard``)."""

from django.utils.translation import gettext as _

from learning.models.mentoring import OPEN_STATES


def mentoring_panel(request, member):
    from learning.models import MentoringRequest, MentorProfile

    profile = MentorProfile.objects.filter(member=member).first()
    waiting = (MentoringRequest.objects.filter(mentor=profile, state__in=OPEN_STATES).count()
               if profile else 0)
    return {"title": _("Mentoring"), "template": "learning/mentoring/dashboard_panel.html",
            "profile": profile, "waiting": waiting,
            "asked": member.mentoring_requests.count()}
