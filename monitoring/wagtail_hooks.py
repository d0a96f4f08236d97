"""Admin registration: the "Surveys and consultations" menu, and links from questionnaire pages."""

from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.ui.components import Component
from wagtail.admin.ui.menus.pages import PageMenuItem
from wagtail.permissions import register_permission_policy
from wagtail.snippets.models import register_snippet

from monitoring.choices import RespondentMode
from monitoring.indicator_admin import FigurePermissionPolicy, IndicatorViewSetGroup
from monitoring.indicators import current_period, indicator_rows
from monitoring.models import ConsultationComment, QuestionnairePage, ReportedFigure
from monitoring.viewsets import CommentPermissionPolicy, MonitoringGroup

register_permission_policy(ConsultationComment, CommentPermissionPolicy(ConsultationComment))
register_permission_policy(ReportedFigure, FigurePermissionPolicy(ReportedFigure))


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


register_snippet(IndicatorViewSetGroup)


class IndicatorPanel(Component):
    """The dashboard's indicators: each one's latest period against its target."""

    name = "indicators"
    template_name = "monitoring/admin/indicator_panel.html"
    order = 60

    def render_html(self, parent_context=None):
        request = parent_context["request"]
        if not request.user.has_perm("monitoring.view_indicator"):
            return ""
        rows = [{"indicator": row["indicator"], "period": current_period(row["periods"])}
                for row in indicator_rows(translation.get_language())]
        return render_to_string(self.template_name, {"rows": rows}, request=request)


@hooks.register("construct_homepage_panels")
def add_indicator_panel(request, panels):
    panels.append(IndicatorPanel())
