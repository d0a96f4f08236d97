"""Admin registration: the "Surveys and consultations" menu, and links from questionnaire pages."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.ui.menus.pages import PageMenuItem
from wagtail.permissions import register_permission_policy

from monitoring.choices import RespondentMode
from monitoring.models import ConsultationComment, QuestionnairePage
from monitoring.viewsets import CommentPermissionPolicy, MonitoringGroup

register_permission_policy(ConsultationComment, CommentPermissionPolicy(ConsultationComment))


@hooks.register("register_admin_viewset")
def register_monitoring_group():
    return MonitoringGroup()


class QuestionnaireButton(PageMenuItem):
    permission = "monitoring.view_response"

    def is_shown(self, user):
        return user.has_perm(self.permission)


@hooks.register("register_page_header_buttons")
def questionnaire_buttons(page, user, view_name, next_url=None):
    if page.specific_class is not QuestionnairePage:
        return
    yield QuestionnaireButton(
        _("Results"), url=reverse("monitoring_admin:results", args=[page.pk]),
        icon_name="table", priority=40, page=page,
    )
    if page.specific_deferred.mode == RespondentMode.INVITED:
        button = QuestionnaireButton(
            _("Invitations"), url=reverse("monitoring_admin:invitations", args=[page.pk]),
            icon_name="mail", priority=41, page=page,
        )
        button.permission = "monitoring.add_invitation"
        yield button
