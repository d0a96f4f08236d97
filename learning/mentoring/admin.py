"""Mentors and mentoring requests in the admin's Learning menu, for editors to follow.

Requests belong to the learner and the mentor and move only through
``learning.mentoring.rules``; editors read them here (state, dates, reasons),
without the private messages, notes and feedback.
"""

from django.utils.translation import gettext_lazy as _
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permissions import register_permission_policy

from learning.certificates.admin import ListOnlyPolicy
from learning.models import MentoringRequest, MentorProfile

register_permission_policy(MentorProfile, ListOnlyPolicy(MentorProfile))
register_permission_policy(MentoringRequest, ListOnlyPolicy(MentoringRequest))


class MentorViewSet(ModelViewSet):
    model = MentorProfile
    name = "learning_mentors"
    url_prefix = "learning/mentors"
    icon = "user"
    menu_label = _("Mentors")
    list_display = ["member", "capacity", "available", "updated_at"]
    list_filter = ["available"]
    search_fields = ["member__name", "expertise"]
    ordering = ["member__name"]
    inspect_view_enabled = True
    inspect_view_fields = ["member", "expertise", "themes", "topics", "languages", "levels",
                           "capacity", "available"]
    copy_view_enabled = False
    form_fields = ["available"]


class MentoringRequestViewSet(ModelViewSet):
    model = MentoringRequest
    name = "learning_mentoring_requests"
    url_prefix = "learning/mentoring-requests"
    icon = "help"
    menu_label = _("Mentoring requests")
    list_display = ["learner", "mentor", "state", "created_at", "answered_at", "closed_at"]
    list_filter = ["state", "created_at"]
    search_fields = ["learner__name", "mentor__member__name"]
    ordering = ["-created_at"]
    inspect_view_enabled = True
    inspect_view_fields = ["learner", "mentor", "programme", "network", "level", "state",
                           "created_at", "viewed_at", "reminded_at", "answered_at", "closed_at",
                           "reason", "declined_automatically"]
    copy_view_enabled = False
    form_fields = ["state"]
