"""Mentors and mentoring requests in the admin's Learning menu, for editors to follow.

Mentor profiles are ``Moderated``: editors approve or reject them (and their
waiting edits) on the pages of ``website.viewsets.ModeratedViewSet``, which
``learning.mentoring.moderation`` completes with the mentor's mail. The only
field an editor sets in the form is the availability switch, and switching it
off declines the waiting requests as the mentor's own switch does; nobody adds
or deletes a member's offer here.

Requests belong to the learner and the mentor and move only through
``learning.mentoring.rules``; editors read them here (state, dates, reasons),
without the private messages, notes and feedback.
"""

from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.admin.ui.tables import Column
from wagtail.admin.views.generic.models import EditView
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permission_policies.base import ModelPermissionPolicy
from wagtail.permissions import register_permission_policy

from learning.certificates.admin import ListOnlyPolicy
from learning.mentoring import moderation, rules
from learning.models import MentoringRequest, MentorProfile
from website.viewsets import ModeratedViewSet, ModerationFilterSet


class ModerateOnlyPolicy(ModelPermissionPolicy):
    """"change" (moderating, the availability switch) and "view"; never add or delete."""

    def user_has_permission(self, user, action):
        if action in {"add", "delete"}:
            return False
        return super().user_has_permission(user, action)

    def user_has_any_permission(self, user, actions):
        return any(self.user_has_permission(user, action) for action in actions)


register_permission_policy(MentorProfile, ModerateOnlyPolicy(MentorProfile))
register_permission_policy(MentoringRequest, ListOnlyPolicy(MentoringRequest))


class MentorEditView(EditView):
    def save_instance(self):
        profile = super().save_instance()
        rules.profile_changed(profile)
        return profile


class MentorFilterSet(ModerationFilterSet):
    class Meta:
        model = MentorProfile
        fields = ["status", "available"]


class MentorViewSet(ModeratedViewSet):
    model = MentorProfile
    name = moderation.ADMIN_LISTING
    url_prefix = "learning/mentors"
    icon = "user"
    menu_label = _("Mentors")
    filterset_class = MentorFilterSet
    list_select_related = ("member",)
    list_display = ["member", Column("moderation_label", label=_("Status"), sort_key="status"),
                    "capacity", "available", "updated_at"]
    search_fields = ["member__name", "expertise"]
    ordering = ["member__name"]
    inspect_view_fields = ["member", "status", "rejection_reason", "approved_at",
                           "submitted_at", "expertise", "themes", "topics", "languages",
                           "levels", "capacity", "available"]
    edit_view_class = MentorEditView
    panels = [FieldPanel("available")]

    def approve(self, obj, seen=None):
        return moderation.approve(obj, seen)

    def reject(self, obj, reason, seen=None):
        return moderation.reject(obj, reason, seen)


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
