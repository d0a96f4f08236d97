"""Admin viewsets: moderating consultation comments, and the "Surveys" menu.

Comments are moderated with the shared ``website.viewsets.ModeratedViewSet``:
editors approve them or reject them with a reason (the member is told by
e-mail, in the member's language), and may delete spam. Nobody writes or
rewrites a member's comment in the admin: the permission policy grants no
"add" or "change" (no form), and deciding is its own action, "moderate",
granted by the model's "change" permission (as for every ``Moderated`` model).
"""

from django.conf import settings
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import path, reverse
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.tables import Column, DateColumn
from wagtail.admin.viewsets.base import ViewSet, ViewSetGroup
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.permissions import policy_registry

from monitoring import admin_views
from monitoring.models import ConsultationComment
from website.mail import queue_mail
from website.models import MailKind
from website.moderation import Queue, register_queue
from website.viewsets import ModeratedViewSet, ModerateView, ModerationFilterSet

MODERATE = "moderate"


class CommentPermissionPolicy(ModelPermissionPolicy):
    """Comments are the members' words: editors view, moderate or delete them, never write them."""

    def user_has_permission(self, user, action):
        if action in ("add", "change"):
            return False
        return super().user_has_permission(user, "change" if action == MODERATE else action)


def notify(comment):
    """Queue the decision's e-mail to the member; returns the mail row, or None (no address)."""
    member = comment.member
    address = member.email_for_contact
    if not address:
        return None
    language = member.mail_language
    with translation.override(language):
        body = render_to_string("monitoring/email/comment_decision.txt", {
            "comment": comment, "approved": comment.is_approved,
            "site_url": settings.SITE_URL})
        subject = (_("Your comment is published") if comment.is_approved
                   else _("Your comment was not published"))
    return queue_mail(MailKind.MODERATION, address, subject, body, language=language)


class CommentModerateView(ModerateView):
    """The shared decision page, with the comment itself and where it was written."""

    template_name = "monitoring/admin/moderate.html"


class CommentFilterSet(ModerationFilterSet):
    class Meta:
        model = ConsultationComment
        fields = ["status", "language"]


class ConsultationCommentViewSet(ModeratedViewSet):
    model = ConsultationComment
    icon = "comment"
    menu_label = gettext_lazy("Consultation comments")
    moderate_view_class = CommentModerateView
    moderate_permission = MODERATE
    filterset_class = CommentFilterSet
    list_select_related = ("member", "page")
    search_fields = ["body"]
    list_display = [
        "__str__",
        Column("page", label=gettext_lazy("Consultation")),
        Column("section", label=gettext_lazy("Section")),
        Column("moderation_label", label=gettext_lazy("Status"), sort_key="status"),
        DateColumn("created_at", label=gettext_lazy("Written")),
    ]
    inspect_view_fields = ["page", "section", "member", "language", "body", "status",
                           "rejection_reason", "created_at", "approved_at"]

    def approve(self, obj, seen=None):
        with transaction.atomic():  # the mail is queued with the decision, sent after commit
            edit = obj.approve(seen)
            notify(obj)
        return edit

    def reject(self, obj, reason, seen=None):
        with transaction.atomic():
            edit = obj.reject(reason, seen)
            notify(obj)
        return edit


class PermittedMenuItem(MenuItem):
    permission = "monitoring.view_response"

    def is_shown(self, request):
        return request.user.has_perm(self.permission)


class QuestionnaireAdminViewSet(ViewSet):
    """The questionnaires with their results, exports and invitation lists."""

    name = "monitoring_admin"
    icon = "form"
    menu_label = gettext_lazy("Questionnaires")
    menu_item_class = PermittedMenuItem

    @property
    def menu_url(self):
        return reverse("monitoring_admin:questionnaires")

    def get_urlpatterns(self):
        return [
            path("", admin_views.QuestionnaireListView.as_view(), name="questionnaires"),
            path("<int:page_id>/results/", admin_views.ResultsView.as_view(), name="results"),
            path("<int:page_id>/export/<str:fmt>/", admin_views.export, name="export"),
            path("<int:page_id>/invitations/", admin_views.InvitationsView.as_view(),
                 name="invitations"),
        ]


class MonitoringGroup(ViewSetGroup):
    menu_label = gettext_lazy("Surveys and consultations")
    menu_icon = "form"
    menu_order = 260
    # Other monitoring screens (indicators...) join the menu through this hook.
    submenu_hook = "register_monitoring_menu_item"
    items = (QuestionnaireAdminViewSet("monitoring_admin", url_prefix="monitoring/questionnaires"),
             ConsultationCommentViewSet("monitoring_comments",
                                        url_prefix="monitoring/comments"))


class CommentQueue(Queue):
    """The shared queues ask the policy for "change", which ours never grants (nobody
    rewrites a comment): deciding on a comment is the policy's "moderate"."""

    def may_moderate(self, user):
        return policy_registry.get_by_type(self.model).user_has_permission(user, MODERATE)


def register_queues():
    """Comments waiting for editors, on the dashboard panel and in the daily digest."""
    register_queue(CommentQueue(
        "consultation-comments", gettext_lazy("Comments on consultations"), ConsultationComment,
        ConsultationComment.objects.awaiting_moderation,
        lambda: f"{reverse('monitoring_comments:index')}?moderation=waiting", 60,
    ))
