"""Admin: the Learning menu (programmes, topics, sessions, enrolments, bookings) and the
learning numbers report.

Enrolments and bookings are the learners' own records: editors read them here
but change them only through the rules that keep them consistent (booking and
cancelling, attendance, sign-off), so these listings are read-only.
"""

from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.panels import FieldPanel, FieldRowPanel, PageChooserPanel
from wagtail.admin.viewsets.base import ViewSetGroup
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.admin.viewsets.pages import PageListingViewSet
from wagtail.permission_policies.base import ModelPermissionPolicy
from wagtail.permissions import register_permission_policy
from wagtail.snippets.views.snippets import SnippetViewSet

from learning.admin_views import learning_numbers
from learning.certificates.admin import certificate_viewset
from learning.mentoring.admin import MentoringRequestViewSet, MentorViewSet
from learning.models import Booking, Enrolment, ProgrammePage, Session, Topic
from website.choosers import ChooserPanel


class ReadOnlyPolicy(ModelPermissionPolicy):
    """Editors may list and inspect the records; nobody adds, edits or deletes them here."""

    def user_has_permission(self, user, action):
        if action in {"add", "change", "delete"}:
            return False
        return super().user_has_permission(user, action)

    def user_has_any_permission(self, user, actions):
        return any(self.user_has_permission(user, action) for action in actions)


register_permission_policy(Enrolment, ReadOnlyPolicy(Enrolment))
register_permission_policy(Booking, ReadOnlyPolicy(Booking))


class ProgrammeListingViewSet(PageListingViewSet):
    model = ProgrammePage
    icon = "clipboard-list"
    menu_label = _("Programmes")
    list_filter = ["locale", "live", "level", "format", "topic", "themes", "pillars"]


class TopicViewSet(SnippetViewSet):
    model = Topic
    icon = "tag"
    menu_label = _("Topics")
    list_display = ["name", "slug", "locale"]
    list_filter = ["locale"]
    search_fields = ["name", "slug"]
    ordering = ["sort_order", "name"]


class SessionViewSet(ModelViewSet):
    model = Session
    name = "learning_sessions"
    url_prefix = "learning/sessions"
    icon = "date"
    menu_label = _("Sessions")
    list_display = ["title", "programme", "starts_at", "place", "capacity", "cancelled"]
    list_filter = ["cancelled", "starts_at"]
    search_fields = ["title", "place", "description"]
    ordering = ["-starts_at"]
    copy_view_enabled = True
    panels = [
        PageChooserPanel("programme", "learning.ProgrammePage"),
        FieldPanel("title"),
        FieldPanel("description"),
        FieldRowPanel([FieldPanel("starts_at"), FieldPanel("ends_at")]),
        FieldPanel("place"),
        FieldPanel("online_url"),
        FieldRowPanel([FieldPanel("capacity"), FieldPanel("cancel_until")]),
        ChooserPanel("facilitator"),
        FieldPanel("cancelled"),
    ]


class EnrolmentViewSet(ModelViewSet):
    model = Enrolment
    name = "learning_enrolments"
    url_prefix = "learning/enrolments"
    icon = "user"
    menu_label = _("Enrolments")
    # Gender is left out on purpose: it is reported only in anonymous totals.
    list_display = ["learner", "programme", "enrolled_at", "last_activity_at", "signed_off_at"]
    list_filter = ["enrolled_at"]
    search_fields = ["learner__name"]
    ordering = ["-enrolled_at"]
    inspect_view_enabled = True
    inspect_view_fields = ["learner", "programme", "enrolled_at", "last_activity_at",
                           "signed_off_at", "signoff_note"]
    copy_view_enabled = False
    form_fields = ["signoff_note"]


class BookingViewSet(ModelViewSet):
    model = Booking
    name = "learning_bookings"
    url_prefix = "learning/bookings"
    icon = "tick-inverse"
    menu_label = _("Bookings")
    list_display = ["learner", "session", "status", "created_at", "attended_at"]
    list_filter = ["status", "attendance_method"]
    search_fields = ["learner__name", "session__title"]
    ordering = ["-created_at"]
    inspect_view_enabled = True
    copy_view_enabled = False
    form_fields = ["status"]


class LearningGroup(ViewSetGroup):
    menu_label = _("Learning")
    menu_icon = "clipboard-list"
    menu_order = 240
    items = (
        ProgrammeListingViewSet("programme_listing"), TopicViewSet, SessionViewSet,
        EnrolmentViewSet, BookingViewSet, certificate_viewset, MentorViewSet,
        MentoringRequestViewSet,
    )


@hooks.register("register_admin_viewset")
def register_learning_group():
    return LearningGroup()


@hooks.register("register_admin_urls")
def register_numbers_url():
    return [path("learning/numbers/", learning_numbers, name="learning_numbers")]


class NumbersMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm("learning.view_enrolment")


@hooks.register("register_reports_menu_item")
def register_numbers_menu_item():
    return NumbersMenuItem(_("Learning numbers"), reverse("learning_numbers"),
                           icon_name="table", order=700)
