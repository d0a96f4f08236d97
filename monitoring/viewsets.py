"""Admin viewsets: moderating consultation comments, and the "Surveys" menu.

Comments are listed with Wagtail's ``ModelViewSet``; editors approve them or
reject them with a reason (the member is told by e-mail, in the member's
language), and may delete spam. Nobody writes or rewrites a member's comment
in the admin: the permission policy offers no "add" or "edit".
"""

from django import forms
from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.shortcuts import get_object_or_404, redirect
from django.template.loader import render_to_string
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.tables import Column, DateColumn
from wagtail.admin.views.generic import IndexView
from wagtail.admin.viewsets.base import ViewSet, ViewSetGroup
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.admin.widgets import ListingButton
from wagtail.permission_policies import ModelPermissionPolicy

from monitoring import admin_views
from monitoring.models import ConsultationComment
from website.choices import Status
from website.mail import queue_mail
from website.models import MailKind
from website.moderation import Queue, register_queue

MODERATE = "monitoring.change_consultationcomment"


class RejectForm(forms.Form):
    reason = forms.CharField(label=gettext_lazy("Reason (sent to the member)"),
                             widget=forms.Textarea(attrs={"rows": 3}), max_length=2000)


class CommentPermissionPolicy(ModelPermissionPolicy):
    """Comments are the members' words: editors view, moderate or delete them, never write them."""

    def user_has_permission(self, user, action):
        return action not in ("add", "change") and super().user_has_permission(user, action)


def notify(comment):
    member = comment.member
    address = member.email_for_contact
    if not address:
        return None
    language = member.mail_language
    with translation.override(language):
        body = render_to_string("monitoring/email/comment_decision.txt", {
            "comment": comment, "approved": comment.status == Status.APPROVED,
            "site_url": settings.SITE_URL})
        subject = (_("Your comment is published") if comment.status == Status.APPROVED
                   else _("Your comment was not published"))
    return queue_mail(MailKind.MODERATION, address, subject, body, language=language)


def decide(request, pk, action, index_url):
    if not request.user.has_perm(MODERATE):
        raise PermissionDenied
    comment = get_object_or_404(ConsultationComment.objects.select_related("member"), pk=pk)
    form = RejectForm(request.POST or None) if action == "reject" else None
    if request.method == "POST" and (form is None or form.is_valid()):
        with transaction.atomic():
            if action == "approve":
                comment.approve()
            else:
                comment.reject(form.cleaned_data["reason"])
            comment.save()
            notify(comment)
        text = _("The comment is approved.") if action == "approve" else _("The comment is rejected.")
        messages.success(request, text)
        return redirect(index_url)
    return TemplateResponse(request, "monitoring/admin/moderate.html", {
        "comment": comment, "action": action, "form": form, "index_url": index_url,
    })


class CommentIndexView(IndexView):
    def get_list_more_buttons(self, instance):
        buttons = super().get_list_more_buttons(instance)
        if not self.request.user.has_perm(MODERATE):
            return buttons
        if instance.status != Status.APPROVED:
            buttons.append(ListingButton(_("Approve"), url=reverse(
                "monitoring_comments:approve", args=[instance.pk]), icon_name="check",
                priority=1))
        if instance.status != Status.REJECTED:
            buttons.append(ListingButton(_("Reject"), url=reverse(
                "monitoring_comments:reject", args=[instance.pk]), icon_name="cross",
                priority=2))
        return buttons


class ConsultationCommentViewSet(ModelViewSet):
    model = ConsultationComment
    icon = "comment"
    menu_label = gettext_lazy("Consultation comments")
    index_view_class = CommentIndexView
    inspect_view_enabled = True
    copy_view_enabled = False
    form_fields = ["status"]  # never offered: the permission policy allows no editing
    list_filter = ["status", "language"]
    search_fields = ["body"]
    search_backend_name = None
    list_display = [
        "__str__",
        Column("page", label=gettext_lazy("Consultation")),
        Column("section", label=gettext_lazy("Section")),
        Column("status", label=gettext_lazy("Status"), accessor="get_status_display"),
        DateColumn("created_at", label=gettext_lazy("Written")),
    ]
    inspect_view_fields = ["page", "section", "member", "language", "body", "status",
                           "rejection_reason", "created_at", "approved_at"]

    def get_urlpatterns(self):
        index = lambda: reverse(self.get_url_name("index"))  # noqa: E731 - needs the URLconf
        return super().get_urlpatterns() + [
            path("<int:pk>/approve/", lambda request, pk: decide(request, pk, "approve", index()),
                 name="approve"),
            path("<int:pk>/reject/", lambda request, pk: decide(request, pk, "reject", index()),
                 name="reject"),
        ]


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
    """The shared queues ask the permission policy for "change", which ours never grants
    (nobody rewrites a comment): moderating a comment is its own permission."""

    def may_moderate(self, user):
        return user.has_perm(MODERATE)


def register_queues():
    """Comments waiting for editors, on the dashboard panel and in the daily digest."""
    register_queue(CommentQueue(
        "consultation-comments", gettext_lazy("Comments on consultations"), ConsultationComment,
        lambda: ConsultationComment.objects.filter(status=Status.PENDING),
        lambda: f"{reverse('monitoring_comments:index')}?status={Status.PENDING}", 60,
    ))
